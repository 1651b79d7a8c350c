import { useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { UserId } from '../api/types';
import { displayName, fullName } from '../state/format';
import { parseKey } from '../state/keys';
import { badgesOf, canModerate, canServerBan, canSetRole, roleOf } from '../state/rooms';
import type { AppState } from '../state/types';
import { Avatar } from './Avatar';
import { Dialog } from './Dialog';
import { ModerationForm } from './ModerationForm';
import { RoleForm } from './RoleForm';

interface Props {
  state: AppState;
  userId: UserId;
  onClose(): void;
  onEditProfile(): void;
}

export function ProfileCard({ state, userId, onClose, onEditProfile }: Props) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const user = state.users[userId];
  const self = userId === state.me?.id;
  const blocked = state.blocked.includes(userId);
  const target = state.active ? parseKey(state.active) : null;
  const room = target?.kind === 'room' ? target.room : null;
  const modRoom = user && room && canModerate(state, user, room) ? room : null;
  const serverBan = !!user && canServerBan(state, user);

  const run = (fn: () => Promise<void>) => () => {
    setError(null);
    fn().catch((e: Error) => setError(e.message));
  };

  return (
    <Dialog title={self ? 'Your profile' : 'Profile'} onClose={onClose} size="sm">
      <div class="profile">
        <Avatar user={user} size="lg" />
        <div class="profile__names">
          <p class="profile__display">{displayName(user)}</p>
          {user && <p class="profile__username">@{user.username}</p>}
          {user && fullName(user) && <p class="profile__full">{fullName(user)}</p>}
          <p class="profile__status">
            <span class={`presence-dot presence-dot--inline${user?.online ? ' presence-dot--online' : ''}`} aria-hidden="true" />
            {user?.online ? 'Online' : 'Offline'}
            {user &&
              badgesOf(state, user, room).map((b) => (
                <span key={b} class={`tag tag--${b}`}>
                  {b}
                </span>
              ))}
            {blocked && <span class="tag tag--danger">blocked</span>}
          </p>
        </div>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="profile__actions">
        {self ? (
          <button type="button" class="button button--primary" onClick={onEditProfile}>
            Edit profile
          </button>
        ) : (
          <>
            <button
              type="button"
              class="button button--primary"
              onClick={() => {
                client.messageUser(userId);
                onClose();
              }}
            >
              Message
            </button>
            <button
              type="button"
              class={`button${blocked ? '' : ' button--danger-outline'}`}
              onClick={run(() => (blocked ? client.unblock(userId) : client.block(userId)))}
            >
              {blocked ? 'Unblock' : 'Block'}
            </button>
          </>
        )}
      </div>
      {!self && !blocked && (
        <p class="profile__hint">Blocking hides their messages from you and stops their direct messages. They are not told.</p>
      )}
      {user?.guest && <p class="profile__hint">A guest visiting over IRC, without an account. Guests leave their rooms when they disconnect.</p>}
      {user && room && canSetRole(state, user, room) && <RoleForm user={user} room={room} role={roleOf(state, room, user.id)} />}
      {user && (modRoom || serverBan) && (
        <ModerationForm user={user} room={modRoom} roomMembers={room ? state.members[room] : undefined} serverBan={serverBan} />
      )}
    </Dialog>
  );
}
