import { useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { User, UserId } from '../api/types';
import { displayName } from '../state/format';
import type { Invite } from '../state/types';

/** "alice invited you to #dev" with Join and Dismiss, one per pending invitation. */
export function InviteBanner({ invite, users }: { invite: Invite; users: Record<UserId, User> }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const join = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.acceptInvite(invite.room);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not join that room.');
      setBusy(false);
    }
  };
  return (
    <div class="banner banner--info" role="status">
      <span>
        <strong>{displayName(users[invite.by])}</strong> invited you to <strong>#{invite.room}</strong>.
        {error && <span class="banner__error"> {error}</span>}
      </span>
      <button type="button" class="button button--primary button--small" disabled={busy} onClick={() => void join()}>
        Join #{invite.room}
      </button>
      <button type="button" class="button button--small" onClick={() => client.dismissInvite(invite.room)}>
        Dismiss
      </button>
    </div>
  );
}
