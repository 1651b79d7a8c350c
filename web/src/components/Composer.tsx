import { useEffect, useRef, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import { ApiError } from '../api/types';
import type { ConvKey } from '../state/keys';
import { checkMessageText } from '../state/validation';
import { SendIcon } from './Icons';

/** Unsent text per conversation, kept while the user looks elsewhere. */
const drafts = new Map<ConvKey, string>();

interface Props {
  convKey: ConvKey;
  placeholder: string;
  online: boolean;
}

export function Composer({ convKey, placeholder, online }: Props) {
  const client = useClient();
  const [text, setText] = useState(drafts.get(convKey) ?? '');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (window.matchMedia('(pointer: fine)').matches) input.current?.focus();
  }, [convKey]);

  const update = (value: string) => {
    setText(value);
    drafts.set(convKey, value);
    setError(null);
    if (value.trim()) client.typing(convKey);
  };

  const send = async () => {
    const problem = checkMessageText(text);
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

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const length = [...text].length;
  const empty = checkMessageText(text) !== null && length <= 4000;
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
      <div class="composer__box">
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
        />
        <button type="submit" class="composer__send" aria-label="Send" disabled={empty || !online}>
          <SendIcon />
        </button>
      </div>
      <p id="composer-help" class={`composer__help${error ? ' composer__help--error' : ''}`} role={error ? 'alert' : undefined}>
        {error ??
          (!online
            ? 'You are offline; your message will wait here until you reconnect.'
            : length > 3500
              ? `${length} / 4000 characters`
              : 'Enter to send, Shift+Enter for a new line')}
      </p>
    </form>
  );
}
