// A labelled input with its error sentence underneath, tied together for screen readers.
import type { InputHTMLAttributes } from 'preact';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'label' | 'onInput' | 'value'> {
  id: string;
  label: string;
  value: string;
  error?: string | null;
  hint?: string;
  onValue(value: string): void;
}

export function Field({ id, label, value, error, hint, onValue, ...input }: Props) {
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
      {hint && !error && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
