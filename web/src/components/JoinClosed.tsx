import { useState } from 'preact/hooks';
import { useClient } from '../app/context';
import { ApiError } from '../api/types';
import { Field } from './Field';

/** In place of the composer for a non-member: Join, asking for the key when the room has one. */
export function JoinClosed({ title, room }: { title: string; room: string | null }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const [needKey, setNeedKey] = useState(false);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);

  const join = async (e?: Event) => {
    e?.preventDefault();
    if (!room) return;
    setBusy(true);
    setError(null);
    try {
      await client.joinRoom(room, true, needKey ? key.trim() : undefined);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'wrong_key') setNeedKey(true);
      setError(err instanceof Error ? err.message : 'Could not join that room.');
      setBusy(false);
    }
  };

  return (
    <form class="composer composer--closed" noValidate onSubmit={join}>
      <p>You are not a member of {title}.</p>
      {room && needKey && (
        <Field id="closed-room-key" label={`Key of ${title}`} value={key} autoFocus autoComplete="off" spellcheck={false} onValue={setKey} />
      )}
      {room && (
        <button type="submit" class="button button--primary button--small" disabled={busy}>
          Join {title}
        </button>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
