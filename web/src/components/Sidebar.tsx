import { dmKey, roomKey, type ConvKey } from '../state/keys';
import type { AppState } from '../state/types';
import { displayName } from '../state/format';
import { Avatar } from './Avatar';
import { HashIcon, PlusIcon } from './Icons';

interface Props {
  state: AppState;
  open: boolean;
  onOpen(key: ConvKey): void;
  onJoin(): void;
}

function Unread({ count }: { count: number | undefined }) {
  if (!count) return null;
  return (
    <span class="badge" aria-label={`${count} unread`}>
      {count > 99 ? '99+' : count}
    </span>
  );
}

export function Sidebar({ state, open, onOpen, onJoin }: Props) {
  const item = (key: ConvKey) => ({
    class: `nav-item${state.active === key ? ' nav-item--active' : ''}${state.unread[key] ? ' nav-item--unread' : ''}`,
    'aria-current': state.active === key ? ('page' as const) : undefined,
    onClick: () => onOpen(key),
  });
  return (
    <nav class={`sidebar drawer drawer--left${open ? ' is-open' : ''}`} aria-label="Conversations">
      <div class="sidebar__section">
        <div class="sidebar__heading">
          <h2 id="rooms-heading">Rooms</h2>
          <button type="button" class="icon-button icon-button--small" aria-label="Join or create a room" onClick={onJoin}>
            <PlusIcon />
          </button>
        </div>
        <ul class="nav-list" aria-labelledby="rooms-heading">
          {state.rooms.map((room) => (
            <li key={room}>
              <button type="button" {...item(roomKey(room))}>
                <HashIcon />
                <span class="nav-item__label">{room}</span>
                <Unread count={state.unread[roomKey(room)]} />
              </button>
            </li>
          ))}
        </ul>
        {state.rooms.length === 0 && <p class="sidebar__empty">You are not in any room yet.</p>}
      </div>
      <div class="sidebar__section">
        <div class="sidebar__heading">
          <h2 id="dms-heading">Direct messages</h2>
        </div>
        <ul class="nav-list" aria-labelledby="dms-heading">
          {state.dms.map((id) => {
            const user = state.users[id];
            return (
              <li key={id}>
                <button type="button" {...item(dmKey(id))}>
                  <Avatar user={user} size="sm" presence />
                  <span class="nav-item__label">
                    {displayName(user)}
                    {id === state.me?.id && ' (you)'}
                  </span>
                  <span class="visually-hidden">{user?.online ? ', online' : ', offline'}</span>
                  <Unread count={state.unread[dmKey(id)]} />
                </button>
              </li>
            );
          })}
        </ul>
        {state.dms.length === 0 && (
          <p class="sidebar__empty">Open someone’s profile from the member list and choose “Message”.</p>
        )}
      </div>
    </nav>
  );
}
