import type { User, UserId } from '../api/types';
import { displayName, formatTime } from '../state/format';
import { roleChangeText } from '../state/rooms';
import type { Notice } from '../state/types';

const VERB = {
  joined: 'joined',
  left: 'left',
  kicked: 'was removed from',
} as const;

/** `by` in room events is a username: show the display name when the user is known. */
function nameOf(users: Record<UserId, User>, username: string): string {
  const lower = username.toLowerCase();
  const user = Object.values(users).find((u) => u.username.toLowerCase() === lower);
  return user ? displayName(user) : username;
}

function Text({ notice, users, room }: { notice: Notice; users: Record<UserId, User>; room: string }) {
  switch (notice.kind) {
    case 'room':
      return (
        <>
          <strong>{nameOf(users, notice.by)}</strong> {notice.change}
        </>
      );
    case 'role': {
      const [verb, what] = roleChangeText(notice.role);
      return (
        <>
          <strong>{nameOf(users, notice.by)}</strong> {verb} <strong>{displayName(users[notice.userId])}</strong> {what}
        </>
      );
    }
    case 'invited':
      return (
        <>
          <strong>{displayName(users[notice.byId])}</strong> invited <strong>{displayName(users[notice.userId])}</strong>
        </>
      );
    default:
      return (
        <>
          <strong>{displayName(users[notice.userId])}</strong> {VERB[notice.kind]} #{room}
        </>
      );
  }
}

export function NoticeRow({ notice, users, room }: { notice: Notice; users: Record<UserId, User>; room: string }) {
  return (
    <li class="notice">
      <span class="notice__text">
        <Text notice={notice} users={users} room={room} />
      </span>
      <time class="notice__time" dateTime={new Date(notice.ts).toISOString()}>
        {formatTime(notice.ts)}
      </time>
    </li>
  );
}
