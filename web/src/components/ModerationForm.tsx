import { useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { User, UserId } from '../api/types';
import { displayName } from '../state/format';
import { Field } from './Field';

interface Props {
  user: User;
  room: string | null;
  roomMembers: UserId[] | undefined;
  /** Admins only. */
  serverBan: boolean;
}

/** Kick from the open room or ban from it (its operators, admins), or ban from the server (admins). */
export function ModerationForm({ user, room, roomMembers, serverBan }: Props) {
  const client = useClient();
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const inRoom = !!room && (roomMembers?.includes(user.id) ?? false);
  const name = displayName(user);

  const act = (label: string, fn: () => Promise<unknown>) => async () => {
    setBusy(true);
    setStatus(null);
    try {
      await fn();
      setStatus({ ok: true, text: label });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof Error ? e.message : 'That did not work.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="moderation" aria-labelledby="moderation-title">
      <h3 id="moderation-title" class="moderation__title">
        Moderation
      </h3>
      <Field id="moderation-reason" label="Reason" value={reason} placeholder="Shown to them" maxLength={200} onValue={setReason} />
      <div class="moderation__buttons">
        {room && (
          <button type="button" class="button button--danger-outline" disabled={busy || !inRoom} onClick={act(`${name} was kicked from #${room}.`, () => client.kick(room, user.id, reason.trim()))}>
            Kick from #{room}
          </button>
        )}
        {room && (
          <button type="button" class="button button--danger-outline" disabled={busy} onClick={act(`${name} is banned from #${room}.`, () => client.ban(user.id, reason.trim(), room))}>
            Ban from #{room}
          </button>
        )}
        {serverBan && (
          <button type="button" class="button button--danger" disabled={busy} onClick={act(`${name} is banned from the server.`, () => client.ban(user.id, reason.trim()))}>
            Ban from server
          </button>
        )}
      </div>
      {status && (
        <p class={status.ok ? 'form-success' : 'form-error'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
