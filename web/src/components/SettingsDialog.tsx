import type { User } from '../api/types';
import { useClient } from '../app/context';
import { ChangePasswordForm } from './ChangePasswordForm';
import { DeleteAccountForm } from './DeleteAccountForm';
import { Dialog } from './Dialog';

export function SettingsDialog({ me, onClose }: { me: User; onClose(): void }) {
  const client = useClient();
  return (
    <Dialog title="Settings" onClose={onClose}>
      <section class="settings__section" aria-labelledby="settings-account">
        <h3 id="settings-account" class="settings__title">
          Account
        </h3>
        <p class="settings__row">
          <span>
            Signed in as <strong>@{me.username}</strong>
            {me.role === 'admin' && <span class="tag">admin</span>}
          </span>
          <button type="button" class="button" onClick={() => void client.logOut()}>
            Log out
          </button>
        </p>
      </section>
      <ChangePasswordForm />
      <DeleteAccountForm />
    </Dialog>
  );
}
