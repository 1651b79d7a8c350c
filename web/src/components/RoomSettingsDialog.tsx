import { useEffect, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { Room, User } from '../api/types';
import { displayName } from '../state/format';
import { changedSettings, keyProblem, parseLimit } from '../state/rooms';
import { Avatar } from './Avatar';
import { Dialog } from './Dialog';
import { Field } from './Field';

interface Props {
  room: string;
  info: Room | undefined;
  onClose(): void;
}

function Toggle({ id, label, hint, checked, onChange }: { id: string; label: string; hint: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <div class="toggle">
      <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} class="field__hint">
        {hint}
      </p>
    </div>
  );
}

/** The operator's dialog: moderated, topic lock, secret, invite only, key, member limit, and bans. */
export function RoomSettingsDialog({ room, info, onClose }: Props) {
  const client = useClient();
  const [moderated, setModerated] = useState(!!info?.moderated);
  const [locked, setLocked] = useState(!!info?.topic_locked);
  const [secret, setSecret] = useState(!!info?.secret);
  const [inviteOnly, setInviteOnly] = useState(!!info?.invite_only);
  const [key, setKey] = useState(info?.key ?? '');
  const [limit, setLimit] = useState(info?.limit ? String(info.limit) : '');
  const [errors, setErrors] = useState<{ key?: string; limit?: string; form?: string }>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [bans, setBans] = useState<User[] | null>(null);
  const [banError, setBanError] = useState<string | null>(null);

  useEffect(() => {
    client.roomDetails(room).then(
      (a) => setBans(a.bans ?? []),
      (e: Error) => {
        setBans([]);
        setBanError(e.message);
      },
    );
  }, [client, room]);

  const save = async (e: Event) => {
    e.preventDefault();
    const keyError = keyProblem(key);
    const parsed = parseLimit(limit);
    const limitError = typeof parsed === 'number' ? undefined : parsed.error;
    if (keyError || limitError) return setErrors({ key: keyError ?? undefined, limit: limitError });
    const changes = changedSettings(info, {
      moderated,
      topic_locked: locked,
      secret,
      invite_only: inviteOnly,
      key,
      limit: parsed as number,
    });
    if (Object.keys(changes).length === 0) return onClose();
    setBusy(true);
    setErrors({});
    try {
      await client.setRoom(room, changes);
      setSaved(true);
      onClose();
    } catch (err) {
      setErrors({ form: err instanceof Error ? err.message : 'The settings could not be saved.' });
    } finally {
      setBusy(false);
    }
  };

  const unban = async (user: User) => {
    setBanError(null);
    try {
      await client.unban(user.id, room);
      setBans((list) => (list ?? []).filter((u) => u.id !== user.id));
    } catch (err) {
      setBanError(err instanceof Error ? err.message : 'That did not work.');
    }
  };

  return (
    <Dialog title={`Settings of #${room}`} onClose={onClose}>
      <form class="stack" noValidate onSubmit={save}>
        <Toggle id="room-moderated" label="Moderated" hint="Only operators and voiced members can send messages." checked={moderated} onChange={setModerated} />
        <Toggle id="room-locked" label="Only operators change the topic" hint="Otherwise every member can." checked={locked} onChange={setLocked} />
        <Toggle id="room-secret" label="Secret" hint="Left out of room lists; outsiders can’t read it. It can still be joined by name." checked={secret} onChange={setSecret} />
        <Toggle id="room-invite-only" label="Invite only" hint="Only people invited by a member can join (admins always can)." checked={inviteOnly} onChange={setInviteOnly} />
        <Field
          id="room-key"
          label="Key"
          value={key}
          error={errors.key}
          hint="People need it to join (invited people don’t). Leave empty for none."
          maxLength={23}
          autoComplete="off"
          spellcheck={false}
          onValue={(v) => {
            setKey(v);
            setErrors({});
          }}
        />
        <Field
          id="room-limit"
          label="Member limit"
          value={limit}
          error={errors.limit}
          hint="Leave empty for no limit."
          inputMode="numeric"
          onValue={(v) => {
            setLimit(v);
            setErrors({});
          }}
        />
        {errors.form && (
          <p class="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div class="dialog__actions">
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button button--primary" disabled={busy || saved}>
            Save settings
          </button>
        </div>
      </form>
      <section class="settings__section" aria-labelledby="room-bans-title">
        <h3 id="room-bans-title" class="settings__title">
          Banned from #{room}
        </h3>
        {bans === null && <p class="muted">Loading bans…</p>}
        {bans !== null && bans.length === 0 && !banError && <p class="muted">Nobody is banned.</p>}
        {banError && (
          <p class="form-error" role="alert">
            {banError}
          </p>
        )}
        <ul class="room-list">
          {(bans ?? []).map((user) => (
            <li key={user.id} class="room-list__item">
              <Avatar user={user} size="sm" />
              <span class="room-list__name">
                {displayName(user)} <span class="muted">@{user.username}</span>
              </span>
              <button type="button" class="button button--small" aria-label={`Unban ${displayName(user)}`} onClick={() => void unban(user)}>
                Unban
              </button>
            </li>
          ))}
        </ul>
      </section>
    </Dialog>
  );
}
