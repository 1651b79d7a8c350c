// A modal built on <dialog>: the browser traps focus, closes it with Escape and
// restores focus afterwards.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { CloseIcon } from './Icons';

interface Props {
  title: string;
  onClose(): void;
  children: ComponentChildren;
  size?: 'sm' | 'md' | 'image';
}

let counter = 0;

export function Dialog({ title, onClose, children, size = 'md' }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useRef(`dialog-${++counter}`);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={`dialog dialog--${size}`}
      aria-labelledby={id.current}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <div class="dialog__header">
        <h2 id={id.current} class="dialog__title">
          {title}
        </h2>
        <button type="button" class="icon-button" aria-label="Close" onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      <div class="dialog__body">{children}</div>
    </dialog>
  );
}
