import { useClient } from '../app/context';
import { displayName } from '../state/format';
import type { Alert } from '../state/types';
import type { User, UserId } from '../api/types';

/** Explains a kick or a room ban until the user dismisses it. */
export function KickedBanner({ alert, users }: { alert: Alert; users: Record<UserId, User> }) {
  const client = useClient();
  const by = displayName(users[alert.by]);
  const dismiss = () => client.store.dispatch({ type: 'alert', alert: null });
  return (
    <div class="banner banner--danger" role="alert">
      <span>
        {alert.banned ? `You were banned from #${alert.room} by ${by}.` : `You were removed from #${alert.room} by ${by}.`}{' '}
        Reason: <q>{alert.reason}</q>
        {alert.banned ? ' You can’t join it again unless an operator of the room lifts the ban.' : ' You can join it again.'}
      </span>
      {!alert.banned && (
        <button
          type="button"
          class="button button--small"
          onClick={() => {
            dismiss();
            client.joinRoom(alert.room).catch(() => undefined);
          }}
        >
          Join again
        </button>
      )}
      <button type="button" class="button button--small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
