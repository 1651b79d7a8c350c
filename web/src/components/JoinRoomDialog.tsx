import { useEffect, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import { ApiError, type RoomListing } from '../api/types';
import { normaliseRoomName } from '../state/validation';
import { Dialog } from './Dialog';
import { Field } from './Field';

export function JoinRoomDialog({ joined, onClose }: { joined: string[]; onClose(): void }) {
  const client = useClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [rooms, setRooms] = useState<RoomListing[] | null>(null);
  const [busy, setBusy] = useState(false);
  /** The room that answered `wrong_key`: the dialog asks for its key. */
  const [keyFor, setKeyFor] = useState<string | null>(null);
  const [key, setKey] = useState('');
  const [keyError, setKeyError] = useState<string | null>(null);

  // The key field appears in an open dialog, where autofocus does nothing.
  useEffect(() => {
    if (keyFor) document.getElementById('room-join-key')?.focus();
  }, [keyFor]);

  useEffect(() => {
    client.listRooms().then((a) => setRooms(a.rooms), () => setRooms([]));
  }, [client]);

  const join = async (room: string, withKey?: string) => {
    setBusy(true);
    try {
      await client.joinRoom(room, true, withKey);
      onClose();
    } catch (e) {
      const message = e instanceof ApiError ? e.message : 'Could not join that room.';
      if (e instanceof ApiError && e.code === 'wrong_key') {
        if (keyFor === room && withKey) setKeyError(message);
        setKeyFor(room);
      } else if (keyFor === room) {
        setKeyError(message);
      } else {
        setError(message);
      }
      setBusy(false);
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const result = normaliseRoomName(name);
    if ('error' in result) return setError(result.error);
    void join(result.room);
  };

  const exists = rooms?.some((r) => r.name === name.trim().replace(/^#/, '').toLowerCase());
  const others = rooms?.filter((r) => !joined.includes(r.name)) ?? [];
  return (
    <Dialog title="Join or create a room" onClose={onClose}>
      <form class="stack" noValidate onSubmit={submit}>
        <Field
          id="room-name"
          label="Room name"
          value={name}
          error={error}
          placeholder="e.g. random"
          hint="Lowercase letters, digits, _ or -. A new name creates the room."
          autoCapitalize="none"
          autoFocus
          spellcheck={false}
          onValue={(v) => {
            setName(v);
            setError(null);
            setKeyFor(null);
          }}
        />
        <div>
          <button type="submit" class="button button--primary" disabled={busy}>
            {name.trim() && !exists ? 'Create and join' : 'Join'}
          </button>
        </div>
      </form>
      {keyFor && (
        <form
          class="stack join-key"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!key.trim()) return setKeyError('Enter the key of #' + keyFor + '.');
            void join(keyFor, key.trim());
          }}
        >
          <p>
            <strong>#{keyFor}</strong> needs a key to join. Ask one of its members for it, or for an invitation.
          </p>
          <Field
            id="room-join-key"
            label={`Key of #${keyFor}`}
            value={key}
            error={keyError}
            autoFocus
            autoComplete="off"
            spellcheck={false}
            onValue={(v) => {
              setKey(v);
              setKeyError(null);
            }}
          />
          <div>
            <button type="submit" class="button button--primary" disabled={busy}>
              Join with key
            </button>
          </div>
        </form>
      )}
      <h3 class="settings__title">Rooms on this server</h3>
      {rooms === null && <p class="muted">Loading rooms…</p>}
      {rooms !== null && others.length === 0 && <p class="muted">You are in every room. Create a new one above.</p>}
      <ul class="room-list">
        {others.map((room) => (
          <li key={room.name} class="room-list__item">
            <span class="room-list__name">#{room.name}</span>
            <span class="room-list__count">
              {room.members} {room.members === 1 ? 'member' : 'members'}
            </span>
            <button type="button" class="button button--small" disabled={busy} onClick={() => void join(room.name)}>
              Join
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
