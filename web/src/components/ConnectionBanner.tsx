import { useEffect, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { Connection } from '../state/types';

/** Says when the socket is down and when the next attempt comes, with a "Retry now" button. */
export function ConnectionBanner({ connection, retryAt, everConnected }: { connection: Connection; retryAt: number | null; everConnected: boolean }) {
  const client = useClient();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (connection !== 'offline') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [connection]);

  if (connection === 'online' || (connection === 'connecting' && !everConnected)) return null;
  const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;
  return (
    <div class="banner banner--warning" role="status">
      {connection === 'connecting' ? (
        <span>Reconnecting…</span>
      ) : (
        <>
          <span>
            Connection lost. {seconds > 0 ? `Reconnecting in ${seconds} s.` : 'Reconnecting…'}
          </span>
          <button type="button" class="button button--small" onClick={() => client.retryNow()}>
            Retry now
          </button>
        </>
      )}
    </div>
  );
}
