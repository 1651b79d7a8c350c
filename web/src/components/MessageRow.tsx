import type { FileObject, Message, User, UserId } from '../api/types';
import { displayName, formatDateTime, formatTime } from '../state/format';
import { Avatar } from './Avatar';
import { MessageAttachments } from './MessageAttachments';

interface Props {
  message: Message;
  author: User | undefined;
  continued: boolean;
  onUser(userId: UserId): void;
  onOpenImage(file: FileObject): void;
}

/** One message; a continued one (same sender, minutes apart) drops the avatar and name. */
export function MessageRow({ message, author, continued, onUser, onOpenImage }: Props) {
  const name = displayName(author);
  const time = (
    <time class="msg__time" dateTime={new Date(message.ts).toISOString()} title={formatDateTime(message.ts)}>
      {formatTime(message.ts)}
    </time>
  );
  return (
    <li class={`msg${continued ? ' msg--continued' : ''}`} data-id={message.id}>
      <div class="msg__gutter">
        {continued ? (
          time
        ) : (
          <button type="button" class="msg__avatar" tabIndex={-1} aria-hidden="true" onClick={() => onUser(message.from)}>
            <Avatar user={author} />
          </button>
        )}
      </div>
      <div class="msg__body">
        {!continued && (
          <div class="msg__meta">
            <button type="button" class="msg__author" onClick={() => onUser(message.from)}>
              {name}
            </button>
            {author?.guest && <span class="tag tag--guest">guest</span>}
            {time}
          </div>
        )}
        {continued && <span class="visually-hidden">{name}: </span>}
        {message.text && <p class="msg__text">{message.text}</p>}
        {message.attachments?.length > 0 && <MessageAttachments files={message.attachments} onOpenImage={onOpenImage} />}
      </div>
    </li>
  );
}
