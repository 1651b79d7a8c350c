import { useState } from 'preact/hooks';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  body: string;
  action: string;
  onConfirm(): void | Promise<void>;
  onClose(): void;
}

export function ConfirmDialog({ title, body, action, onConfirm, onClose }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'That did not work.');
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} size="sm">
      <p>{body}</p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="dialog__actions">
        <button type="button" class="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" class="button button--danger" disabled={busy} onClick={() => void confirm()}>
          {action}
        </button>
      </div>
    </Dialog>
  );
}
