import type { User, UserId } from '../api/types';
import { displayName } from '../state/format';
import { parseKey } from '../state/keys';
import { badgesOf } from '../state/rooms';
import { membersOf } from '../state/selectors';
import type { AppState } from '../state/types';
import { Avatar } from './Avatar';

interface Props {
  state: AppState;
  open: boolean;
  onUser(userId: UserId): void;
}

function Member({ user, me, badges, onUser }: { user: User; me: boolean; badges: string[]; onUser(id: UserId): void }) {
  return (
    <li>
      <button type="button" class={`member${user.online ? '' : ' member--offline'}`} onClick={() => onUser(user.id)}>
        <Avatar user={user} size="sm" presence />
        <span class="member__name">
          {displayName(user)}
          {me && <span class="member__you"> (you)</span>}
        </span>
        {badges.map((b) => (
          <span key={b} class={`tag tag--${b}`}>
            {b}
          </span>
        ))}
        <span class="visually-hidden">{user.online ? ', online' : ', offline'}</span>
      </button>
    </li>
  );
}

function Group({ title, users, state, room, onUser }: { title: string; users: User[]; state: AppState; room: string | null; onUser(id: UserId): void }) {
  if (users.length === 0) return null;
  const id = `members-${title.toLowerCase()}`;
  return (
    <section class="members__group">
      <h3 id={id} class="members__title">
        {title} — {users.length}
      </h3>
      <ul class="nav-list" aria-labelledby={id}>
        {users.map((u) => (
          <Member key={u.id} user={u} me={u.id === state.me?.id} badges={badgesOf(state, u, room)} onUser={onUser} />
        ))}
      </ul>
    </section>
  );
}

export function MembersPanel({ state, open, onUser }: Props) {
  const target = state.active ? parseKey(state.active) : null;
  let online: User[] = [];
  let offline: User[] = [];
  if (target?.kind === 'room') {
    ({ online, offline } = membersOf(state, target.room));
  } else if (target?.kind === 'dm') {
    const people = [state.me, state.users[target.userId]].filter((u, i, all): u is User => !!u && all.findIndex((x) => x?.id === u.id) === i);
    online = people.filter((u) => u.online);
    offline = people.filter((u) => !u.online);
  }
  const known = target?.kind !== 'room' || target.room in state.members;
  const room = target?.kind === 'room' ? target.room : null;
  return (
    <aside class={`members drawer drawer--right${open ? ' is-open' : ''}`} aria-label="Members">
      <h2 class="members__heading">{target?.kind === 'dm' ? 'In this conversation' : 'Members'}</h2>
      {!known && <p class="members__empty">{state.connection === 'online' ? 'Loading members…' : 'Members appear when you are connected.'}</p>}
      <Group title="Online" users={online} state={state} room={room} onUser={onUser} />
      <Group title="Offline" users={offline} state={state} room={room} onUser={onUser} />
      {known && online.length + offline.length === 0 && <p class="members__empty">Nobody is here yet.</p>}
    </aside>
  );
}
