import { useEffect, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { User, UserId } from '../api/types';
import { displayName } from '../state/format';
import { Avatar } from './Avatar';
import { Dialog } from './Dialog';
import { Field } from './Field';

interface Props {
  room: string;
  members: UserId[];
  onClose(): void;
}

/** Everyone on the server who is not in the room yet, filtered by name, each with Invite. */
export function InviteDialog({ room, members, onClose }: Props) {
  const client = useClient();
  const [people, setPeople] = useState<User[] | null>(null);
  const [filter, setFilter] = useState('');
  const [done, setDone] = useState<UserId[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client
      .listUsers()
      .then(setPeople)
      .catch((e: Error) => {
        setPeople([]);
        setError(e.message);
      });
  }, [client]);

  const needle = filter.trim().toLowerCase();
  const shown = (people ?? [])
    .filter((u) => !members.includes(u.id))
    .filter((u) => !needle || u.username.toLowerCase().includes(needle) || displayName(u).toLowerCase().includes(needle))
    .sort((a, b) => displayName(a).localeCompare(displayName(b)));

  const invite = async (user: User) => {
    setError(null);
    try {
      await client.invite(room, user.id);
      setDone((d) => [...d, user.id]);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The invitation could not be sent.');
    }
  };

  return (
    <Dialog title={`Invite to #${room}`} onClose={onClose} size="sm">
      <p class="muted">An invitation lets them in even past the room’s key or member limit, once.</p>
      <Field id="invite-filter" label="Find people" value={filter} autoFocus spellcheck={false} autoCapitalize="none" onValue={setFilter} />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {people === null && <p class="muted">Loading people…</p>}
      {people !== null && shown.length === 0 && <p class="muted">Nobody to invite{needle ? ' by that name' : ''}.</p>}
      <ul class="room-list">
        {shown.slice(0, 50).map((user) => (
          <li key={user.id} class="room-list__item">
            <Avatar user={user} size="sm" />
            <span class="room-list__name">
              {displayName(user)} <span class="muted">@{user.username}</span>
              {user.guest && <span class="tag">guest</span>}
            </span>
            {done.includes(user.id) ? (
              <span class="muted" role="status">
                Invited
              </span>
            ) : (
              <button type="button" class="button button--small" onClick={() => void invite(user)} aria-label={`Invite ${displayName(user)}`}>
                Invite
              </button>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
