import { useState } from 'preact/hooks';
import { useClient } from '../app/context';
import { ApiError, type User } from '../api/types';
import { checkNameField } from '../state/validation';
import { AvatarEditor } from './AvatarEditor';
import { Dialog } from './Dialog';
import { Field } from './Field';

type Name = 'display_name' | 'first_name' | 'last_name';
const FIELDS: { name: Name; label: string; autoComplete: string }[] = [
  { name: 'display_name', label: 'Display name', autoComplete: 'nickname' },
  { name: 'first_name', label: 'First name', autoComplete: 'given-name' },
  { name: 'last_name', label: 'Last name', autoComplete: 'family-name' },
];

export function ProfileEditor({ me, onClose }: { me: User; onClose(): void }) {
  const client = useClient();
  const [values, setValues] = useState<Record<Name, string>>({
    display_name: me.display_name,
    first_name: me.first_name,
    last_name: me.last_name,
  });
  const [errors, setErrors] = useState<Partial<Record<Name | 'form', string>>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const changed = FIELDS.filter((f) => values[f.name] !== me[f.name]);
    const found: typeof errors = {};
    for (const f of changed) {
      const problem = checkNameField(f.label, values[f.name]);
      if (problem) found[f.name] = problem;
    }
    setErrors(found);
    setSaved(false);
    if (Object.keys(found).length) return;
    if (changed.length === 0) return onClose();
    setBusy(true);
    try {
      const update = Object.fromEntries(changed.map((f) => [f.name, values[f.name].trim()]));
      await client.updateProfile(update as Pick<User, Name>);
      setSaved(true);
    } catch (error) {
      setErrors({ form: error instanceof ApiError ? error.message : 'The profile could not be saved.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Edit profile" onClose={onClose}>
      <AvatarEditor me={me} />
      <form class="stack" noValidate onSubmit={submit}>
        {FIELDS.map((f) => (
          <Field
            key={f.name}
            id={`profile-${f.name}`}
            label={f.label}
            value={values[f.name]}
            error={errors[f.name]}
            autoComplete={f.autoComplete}
            maxLength={100}
            onValue={(v) => {
              setValues({ ...values, [f.name]: v });
              setSaved(false);
            }}
          />
        ))}
        {errors.form && (
          <p class="form-error" role="alert">
            {errors.form}
          </p>
        )}
        {saved && (
          <p class="form-success" role="status">
            Your profile is saved.
          </p>
        )}
        <div class="dialog__actions">
          <button type="button" class="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" class="button button--primary" disabled={busy}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
