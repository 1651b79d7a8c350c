import { useEffect, useRef, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import { ApiError } from '../api/types';
import { isBusy, sendProblem, STILL_UPLOADING, type Attachment } from '../state/attachments';
import type { ConvKey } from '../state/keys';
import { checkMessageText } from '../state/validation';
import { AttachmentTray } from './AttachmentTray';
import { AttachIcon, SendIcon } from './Icons';

/** Unsent text per conversation, kept while the user looks elsewhere. */
const drafts = new Map<ConvKey, string>();

interface Props {
  convKey: ConvKey;
  placeholder: string;
  online: boolean;
  attachments: Attachment[];
  /** Why files were refused when last added (size, count), or null. */
  attachError: string | null;
  onAttach(files: File[]): void;
}

export function Composer({ convKey, placeholder, online, attachments, attachError, onAttach }: Props) {
  const client = useClient();
  const [text, setText] = useState(drafts.get(convKey) ?? '');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (window.matchMedia('(pointer: fine)').matches) input.current?.focus();
  }, [convKey]);

  // "Wait for the uploads" is out of date once they are done.
  const busy = isBusy(attachments);
  useEffect(() => {
    if (!busy) setError((e) => (e === STILL_UPLOADING ? null : e));
  }, [busy]);

  const update = (value: string) => {
    setText(value);
    drafts.set(convKey, value);
    setError(null);
    if (value.trim()) client.typing(convKey);
  };

  const send = async () => {
    const problem = sendProblem(checkMessageText(text), attachments);
    if (problem !== null) {
      setError(problem || null);
      return;
    }
    const sent = text;
    update('');
    try {
      await client.send(convKey, sent);
    } catch (e) {
      // Give the text back unless the user already started a new one.
      if (!drafts.get(convKey)) update(sent);
      setError(e instanceof ApiError ? e.message : 'The message could not be sent.');
    }
  };

  // Pasting a file (a screenshot, say) attaches it instead of inserting its name.
  const onPaste = (e: ClipboardEvent) => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    e.preventDefault();
    onAttach(files);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const length = [...text].length;
  const problem = sendProblem(checkMessageText(text), attachments);
  // Too long stays clickable, so that pressing it says why.
  const empty = problem !== null && !(length > 4000 && attachments.length === 0);
  const help = error ?? attachError;
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor="composer-input" class="visually-hidden">
        Message
      </label>
      <AttachmentTray items={attachments} onRemove={(id) => client.attachments.remove(convKey, id)} />
      <div class="composer__box">
        <input
          ref={picker}
          type="file"
          multiple
          class="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length) onAttach(files);
          }}
        />
        <button
          type="button"
          class="composer__attach"
          aria-label="Attach files"
          title="Attach files (or drop or paste them here)"
          disabled={!online}
          onClick={() => picker.current?.click()}
        >
          <AttachIcon />
        </button>
        <textarea
          id="composer-input"
          ref={input}
          class="composer__input"
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-describedby="composer-help"
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => update(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <button type="submit" class="composer__send" aria-label="Send" disabled={empty || !online}>
          <SendIcon />
        </button>
      </div>
      <p id="composer-help" class={`composer__help${help ? ' composer__help--error' : ''}`} role={help ? 'alert' : undefined}>
        {help ??
          (!online
            ? 'You are offline; your message will wait here until you reconnect.'
            : length > 3500
              ? `${length} / 4000 characters`
              : 'Enter to send, Shift+Enter for a new line')}
      </p>
    </form>
  );
}
