import { useState } from 'preact/hooks';
import { useClient } from '../app/context';
import { ApiError } from '../api/types';
import { checkSignIn, checkSignUp } from '../state/validation';
import { Field } from './Field';

export type Mode = 'login' | 'register';
type FieldName = 'username' | 'password' | 'confirm';
type Errors = Partial<Record<FieldName | 'form', string>>;

/** Which field a server refusal belongs next to. */
const FIELD_OF_CODE: Record<string, FieldName> = {
  username_taken: 'username',
  invalid_username: 'username',
  invalid_password: 'password',
  invalid_credentials: 'password',
};

export function AuthForm({ mode }: { mode: Mode }) {
  const client = useClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const register = mode === 'register';

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Errors = register ? checkSignUp({ username, password, confirm }) : checkSignIn({ username, password });
    setErrors(found);
    if (Object.keys(found).length) {
      const first = (['username', 'password', 'confirm'] as const).find((f) => found[f]);
      document.getElementById(`${mode}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await client.signIn(mode, register ? username : username.trim(), password);
    } catch (error) {
      const err = error instanceof ApiError ? error : new ApiError('internal', 'Something went wrong.');
      const field = FIELD_OF_CODE[err.code];
      setErrors({ [field ?? 'form']: err.message });
      setBusy(false);
      if (field) document.getElementById(`${mode}-${field}`)?.focus();
    }
  };

  const set = (setter: (v: string) => void, field: FieldName) => (value: string) => {
    setter(value);
    if (errors[field] || errors.form) setErrors({ ...errors, [field]: undefined, form: undefined });
  };

  return (
    <form class="auth__form" noValidate onSubmit={submit}>
      <Field
        id={`${mode}-username`}
        label="Username"
        value={username}
        error={errors.username}
        hint={register ? '3 to 32 characters: a letter, then letters, digits, _ or -.' : undefined}
        autoComplete="username"
        autoCapitalize="none"
        spellcheck={false}
        onValue={set(setUsername, 'username')}
      />
      <Field
        id={`${mode}-password`}
        label="Password"
        type="password"
        value={password}
        error={errors.password}
        hint={register ? 'At least 8 characters.' : undefined}
        autoComplete={register ? 'new-password' : 'current-password'}
        onValue={set(setPassword, 'password')}
      />
      {register && (
        <Field
          id={`${mode}-confirm`}
          label="Confirm password"
          type="password"
          value={confirm}
          error={errors.confirm}
          autoComplete="new-password"
          onValue={set(setConfirm, 'confirm')}
        />
      )}
      {errors.form && (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" class="button button--primary button--wide" disabled={busy}>
        {busy ? 'Please wait…' : register ? 'Create account' : 'Sign in'}
      </button>
    </form>
  );
}
