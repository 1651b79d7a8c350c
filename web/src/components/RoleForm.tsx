import { useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { RoomRole, User } from '../api/types';
import { displayName } from '../state/format';

const CHOICES: { role: RoomRole; label: string; hint: string }[] = [
  { role: 'op', label: 'Operator', hint: 'Sets the topic and the settings, gives roles, kicks and bans.' },
  { role: 'voice', label: 'Voice', hint: 'May speak when the room is moderated.' },
  { role: 'member', label: 'Member', hint: 'No special rights.' },
];

/** A room operator's choice of someone's role in the room (set_role). */
export function RoleForm({ user, room, role }: { user: User; room: string; role: RoomRole }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choose = async (next: RoomRole) => {
    if (next === role) return;
    setBusy(true);
    setError(null);
    try {
      await client.setRole(room, user.id, next);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'That did not work.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="moderation" aria-labelledby="role-title">
      <h3 id="role-title" class="moderation__title">
        Role of {displayName(user)} in #{room}
      </h3>
      <div class="segmented" role="group" aria-labelledby="role-title">
        {CHOICES.map((c) => (
          <button
            key={c.role}
            type="button"
            class="segmented__option"
            aria-pressed={c.role === role ? 'true' : 'false'}
            title={c.hint}
            disabled={busy}
            onClick={() => void choose(c.role)}
          >
            {c.label}
          </button>
        ))}
      </div>
      <p class="profile__hint">{CHOICES.find((c) => c.role === role)?.hint}</p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
