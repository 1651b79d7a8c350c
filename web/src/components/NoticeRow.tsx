import type { User } from '../api/types';
import { displayName, formatTime } from '../state/format';
import type { Notice } from '../state/types';

const VERB: Record<Notice['kind'], string> = {
  joined: 'joined',
  left: 'left',
  kicked: 'was removed from',
};

export function NoticeRow({ notice, user, room }: { notice: Notice; user: User | undefined; room: string }) {
  return (
    <li class="notice">
      <span class="notice__text">
        <strong>{displayName(user)}</strong> {VERB[notice.kind]} #{room}
      </span>
      <time class="notice__time" dateTime={new Date(notice.ts).toISOString()}>
        {formatTime(notice.ts)}
      </time>
    </li>
  );
}
