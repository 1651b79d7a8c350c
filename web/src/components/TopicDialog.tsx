import { useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { Room } from '../api/types';
import { formatDateTime } from '../state/format';
import { topicProblem } from '../state/rooms';
import { Dialog } from './Dialog';
import { Field } from './Field';

interface Props {
  info: Room | undefined;
  room: string;
  canEdit: boolean;
  onClose(): void;
}

/** The whole topic, who set it and when; a form to change it for those allowed to. */
export function TopicDialog({ info, room, canEdit, onClose }: Props) {
  const client = useClient();
  const topic = info?.topic ?? '';
  const [text, setText] = useState(topic);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (value: string) => {
    const problem = topicProblem(value);
    if (problem) return setError(problem);
    setBusy(true);
    try {
      await client.setTopic(room, value);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The topic could not be changed.');
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Topic of #${room}`} onClose={onClose} size="sm">
      {topic ? (
        <p class="topic__full">{topic}</p>
      ) : (
        <p class="muted">This room has no topic.</p>
      )}
      {topic && info?.topic_by && (
        <p class="topic__by muted">
          Set by {info.topic_by}
          {info.topic_at ? ` on ${formatDateTime(info.topic_at)}` : ''}
        </p>
      )}
      {canEdit ? (
        <form
          class="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save(text.trim());
          }}
        >
          <Field
            id="topic-input"
            label="New topic"
            value={text}
            error={error}
            hint="One line. Everyone in the room sees it in the header."
            maxLength={390}
            autoFocus
            onValue={(v) => {
              setText(v);
              setError(null);
            }}
          />
          <div class="dialog__actions">
            {topic && (
              <button type="button" class="button" disabled={busy} onClick={() => void save('')}>
                Clear topic
              </button>
            )}
            <button type="submit" class="button button--primary" disabled={busy || text.trim() === topic}>
              Save topic
            </button>
          </div>
        </form>
      ) : (
        <p class="muted">{info?.topic_locked ? 'Only operators can change the topic.' : ''}</p>
      )}
    </Dialog>
  );
}
