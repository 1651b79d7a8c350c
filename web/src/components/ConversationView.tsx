import { useEffect, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { UserId } from '../api/types';
import { fullName } from '../state/format';
import { parseKey, type ConvKey } from '../state/keys';
import { canEditTopic, canSpeak, isRoomOp } from '../state/rooms';
import { isMember, titleOf } from '../state/selectors';
import type { AppState } from '../state/types';
import { Composer } from './Composer';
import { ConfirmDialog } from './ConfirmDialog';
import { EraseIcon, InviteIcon, LeaveIcon, SettingsIcon, UploadIcon } from './Icons';
import { InviteDialog } from './InviteDialog';
import { JoinClosed } from './JoinClosed';
import { MessageList } from './MessageList';
import { RoomSettingsDialog } from './RoomSettingsDialog';
import { TopicDialog } from './TopicDialog';
import { TypingLine } from './TypingLine';

interface Props {
  state: AppState;
  convKey: ConvKey;
  onUser(userId: UserId): void;
}

export function ConversationView({ state, convKey, onUser }: Props) {
  const client = useClient();
  const [confirm, setConfirm] = useState<'clear' | 'leave' | 'topic' | 'settings' | 'invite' | null>(null);
  const [attachError, setAttachError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const target = parseKey(convKey);
  const title = titleOf(state, convKey);
  const member = isMember(state, convKey);
  const other = target?.kind === 'dm' ? state.users[target.userId] : undefined;
  const room = target?.kind === 'room' ? target.room : null;
  const info = room ? state.roomInfo[room] : undefined;
  const subtitle =
    target?.kind === 'dm' ? [other && fullName(other), other?.online ? 'Online' : 'Offline'].filter(Boolean).join(' · ') : '';
  const topic = info?.topic ?? '';
  const mayEditTopic = !!room && canEditTopic(state, room);
  const operator = !!room && member && isRoomOp(state, room);
  const mute = !!room && member && !canSpeak(state, room);

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
          {room && member && (
            <button type="button" class="button button--ghost button--small" title="Invite to this room" onClick={() => setConfirm('invite')}>
              <InviteIcon />
              <span class="button__label">Invite…</span>
            </button>
          )}
          {room && operator && (
            <button type="button" class="button button--ghost button--small" title="Room settings" onClick={() => setConfirm('settings')}>
              <SettingsIcon />
              <span class="button__label">Room settings</span>
            </button>
          )}
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
        {room && (topic || mayEditTopic) && (
          <button
            type="button"
            class={`conversation__topic${topic ? '' : ' conversation__topic--empty'}`}
            title={topic || undefined}
            aria-label={topic ? `Topic: ${topic}` : 'Set a topic'}
            aria-haspopup="dialog"
            onClick={() => setConfirm('topic')}
          >
            {topic || 'Set a topic'}
          </button>
        )}
      </div>
      <MessageList key={convKey} state={state} convKey={convKey} onUser={onUser} />
      <TypingLine state={state} convKey={convKey} />
      {member && mute ? (
        <div class="composer composer--closed" role="status">
          <p>
            #{room} is moderated: only operators and voiced members can send messages. An operator can give you voice.
          </p>
        </div>
      ) : member ? (
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
        <JoinClosed key={convKey} title={title} room={room} />
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
      {confirm === 'topic' && room && (
        <TopicDialog room={room} info={info} canEdit={mayEditTopic} onClose={() => setConfirm(null)} />
      )}
      {confirm === 'settings' && room && <RoomSettingsDialog room={room} info={info} onClose={() => setConfirm(null)} />}
      {confirm === 'invite' && room && (
        <InviteDialog room={room} members={state.members[room] ?? []} onClose={() => setConfirm(null)} />
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
