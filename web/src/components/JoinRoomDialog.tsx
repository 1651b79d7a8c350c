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

  useEffect(() => {
    client.listRooms().then((a) => setRooms(a.rooms), () => setRooms([]));
  }, [client]);

  const join = async (room: string) => {
    setBusy(true);
    try {
      await client.joinRoom(room);
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not join that room.');
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
          }}
        />
        <div>
          <button type="submit" class="button button--primary" disabled={busy}>
            {name.trim() && !exists ? 'Create and join' : 'Join'}
          </button>
        </div>
      </form>
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
