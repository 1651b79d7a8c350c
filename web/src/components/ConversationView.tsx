import { useEffect, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { UserId } from '../api/types';
import { fullName } from '../state/format';
import { parseKey, type ConvKey } from '../state/keys';
import { isMember, titleOf } from '../state/selectors';
import type { AppState } from '../state/types';
import { Composer } from './Composer';
import { ConfirmDialog } from './ConfirmDialog';
import { EraseIcon, LeaveIcon, UploadIcon } from './Icons';
import { MessageList } from './MessageList';
import { TypingLine } from './TypingLine';

interface Props {
  state: AppState;
  convKey: ConvKey;
  onUser(userId: UserId): void;
}

export function ConversationView({ state, convKey, onUser }: Props) {
  const client = useClient();
  const [confirm, setConfirm] = useState<'clear' | 'leave' | null>(null);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [attachError, setAttachError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const target = parseKey(convKey);
  const title = titleOf(state, convKey);
  const member = isMember(state, convKey);
  const other = target?.kind === 'dm' ? state.users[target.userId] : undefined;
  const subtitle =
    target?.kind === 'dm'
      ? [other && fullName(other), other?.online ? 'Online' : 'Offline'].filter(Boolean).join(' · ')
      : target?.room === 'general'
        ? 'General discussion'
        : '';

  const online = state.connection === 'online';
  const attached = state.attachments[convKey] ?? [];
  // A refusal stays until the files go (sent or removed) or another conversation opens.
  useEffect(() => {
    if (attached.length === 0) setAttachError(null);
  }, [attached.length, convKey]);
  const attach = (files: File[]) => {
    const refused = client.attachments.add(convKey, files);
    setAttachError(refused.length ? refused.join(' ') : null);
  };
  // Files dragged over the conversation can be dropped anywhere on it.
  const carriesFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
  const drop = member && online
    ? {
        onDragOver: (e: DragEvent) => {
          if (!carriesFiles(e)) return;
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        },
        onDragLeave: (e: DragEvent) => {
          if (!(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop: (e: DragEvent) => {
          if (!carriesFiles(e)) return;
          e.preventDefault();
          setDragging(false);
          attach([...(e.dataTransfer?.files ?? [])]);
        },
      }
    : {};

  return (
    <main class={`conversation${dragging ? ' conversation--drop' : ''}`} aria-labelledby="conversation-title" {...drop}>
      <div class="conversation__header">
        <div class="conversation__heading">
          {target?.kind === 'dm' ? (
            <h1 id="conversation-title">
              <button type="button" class="link-button" onClick={() => onUser(target.userId)}>
                {title}
              </button>
            </h1>
          ) : (
            <h1 id="conversation-title">{title}</h1>
          )}
          {subtitle && <p class="conversation__subtitle">{subtitle}</p>}
        </div>
        <div class="conversation__actions">
          <button type="button" class="button button--ghost button--small" onClick={() => setConfirm('clear')}>
            <EraseIcon />
            <span class="button__label">Clear messages</span>
          </button>
          {target?.kind === 'room' && member && (
            <button type="button" class="button button--ghost button--small" onClick={() => setConfirm('leave')}>
              <LeaveIcon />
              <span class="button__label">Leave room</span>
            </button>
          )}
        </div>
      </div>
      <MessageList key={convKey} state={state} convKey={convKey} onUser={onUser} />
      <TypingLine state={state} convKey={convKey} />
      {member ? (
        <Composer
          key={convKey}
          convKey={convKey}
          placeholder={`Message ${title}`}
          online={online}
          attachments={attached}
          attachError={attachError}
          onAttach={attach}
        />
      ) : (
        <div class="composer composer--closed">
          <p>You are not a member of {title}.</p>
          {target?.kind === 'room' && (
            <button
              type="button"
              class="button button--primary button--small"
              onClick={() => {
                setJoinError(null);
                client.joinRoom(target.room).catch((e: Error) => setJoinError(e.message));
              }}
            >
              Join {title}
            </button>
          )}
          {joinError && (
            <p class="form-error" role="alert">
              {joinError}
            </p>
          )}
        </div>
      )}
      {dragging && (
        <div class="drop-hint" aria-hidden="true">
          <UploadIcon size={36} />
          <p>Drop files to share them in {title}</p>
        </div>
      )}
      {confirm === 'clear' && (
        <ConfirmDialog
          title={`Clear messages in ${title}?`}
          body="The messages disappear from this device only. Others still see them, and new messages will appear as usual."
          action="Clear messages"
          onConfirm={() => {
            client.clear(convKey);
            setConfirm(null);
          }}
          onClose={() => setConfirm(null)}
        />
      )}
      {confirm === 'leave' && target?.kind === 'room' && (
        <ConfirmDialog
          title={`Leave ${title}?`}
          body="You will stop receiving its messages. You can join it again at any time."
          action="Leave room"
          onConfirm={async () => {
            await client.leaveRoom(target.room);
            setConfirm(null);
          }}
          onClose={() => setConfirm(null)}
        />
      )}
    </main>
  );
}
