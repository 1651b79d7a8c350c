import { useState } from 'preact/hooks';
import { useClient } from '../app/context';
import { ApiError } from '../api/types';
import { checkPassword } from '../state/validation';
import { Field } from './Field';

type Name = 'current' | 'next' | 'confirm';

export function ChangePasswordForm() {
  const client = useClient();
  const [values, setValues] = useState<Record<Name, string>>({ current: '', next: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Name | 'form', string>>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!values.current) found.current = 'Enter your current password.';
    const problem = checkPassword(values.next);
    if (problem) found.next = problem;
    if (values.confirm !== values.next) found.confirm = 'The passwords don’t match.';
    setErrors(found);
    setDone(false);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await client.changePassword(values.current, values.next);
      setValues({ current: '', next: '', confirm: '' });
      setDone(true);
    } catch (error) {
      const err = error instanceof ApiError ? error : new ApiError('internal', 'The password was not changed.');
      const field: Name | 'form' =
        err.code === 'invalid_credentials' ? 'current' : err.code === 'invalid_password' ? 'next' : 'form';
      setErrors({ [field]: err.message });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Name, label: string, autoComplete: string) => (
    <Field
      id={`password-${name}`}
      label={label}
      type="password"
      value={values[name]}
      error={errors[name]}
      autoComplete={autoComplete}
      onValue={(v) => setValues({ ...values, [name]: v })}
    />
  );

  return (
    <form class="settings__section stack" noValidate onSubmit={submit} aria-labelledby="settings-password">
      <h3 id="settings-password" class="settings__title">
        Change password
      </h3>
      {field('current', 'Current password', 'current-password')}
      {field('next', 'New password', 'new-password')}
      {field('confirm', 'Confirm new password', 'new-password')}
      {errors.form && (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      )}
      {done && (
        <p class="form-success" role="status">
          Your password is changed. Your other devices are signed out.
        </p>
      )}
      <div>
        <button type="submit" class="button button--primary" disabled={busy}>
          Change password
        </button>
      </div>
    </form>
  );
}
