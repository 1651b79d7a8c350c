import { useClient } from '../app/context';

export function BannedScreen({ reason }: { reason: string }) {
  const client = useClient();
  return (
    <main class="auth">
      <section class="auth__card" aria-labelledby="banned-title">
        <h1 id="banned-title" class="auth__title">You are banned from this server</h1>
        <p>An administrator banned your account, so you can no longer use Parley here.</p>
        {reason && (
          <p class="auth__reason">
            Reason: <q>{reason}</q>
          </p>
        )}
        <button type="button" class="button button--primary" onClick={() => client.signOut(null)}>
          Back to sign-in
        </button>
      </section>
    </main>
  );
}
