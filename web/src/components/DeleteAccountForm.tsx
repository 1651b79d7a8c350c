import { useState } from 'preact/hooks';
import { useClient } from '../app/context';
import { ApiError } from '../api/types';
import { Field } from './Field';

export function DeleteAccountForm() {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!password) return setError('Enter your password to confirm.');
    setBusy(true);
    try {
      await client.deleteAccount(password);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The account was not deleted.');
      setBusy(false);
    }
  };

  return (
    <section class="settings__section settings__section--danger" aria-labelledby="settings-delete">
      <h3 id="settings-delete" class="settings__title">
        Delete account
      </h3>
      <p>Your profile is erased and you can’t sign in again. Messages you sent stay in their rooms.</p>
      {!open ? (
        <button type="button" class="button button--danger-outline" onClick={() => setOpen(true)}>
          Delete my account…
        </button>
      ) : (
        <form class="stack" noValidate onSubmit={submit}>
          <Field
            id="delete-password"
            label="Password"
            type="password"
            value={password}
            error={error}
            autoComplete="current-password"
            autoFocus
            onValue={(v) => {
              setPassword(v);
              setError(null);
            }}
          />
          <div class="dialog__actions">
            <button type="button" class="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" class="button button--danger" disabled={busy}>
              Delete account
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
