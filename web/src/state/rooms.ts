// Room topics, settings and roles: what changed, and who may do what (docs/protocol.md §5).
import type { Room, RoomRole, RolesMap, RoomSettings, User, UserId } from '../api/types';
import type { AppState } from './types';

/** The longest topic the server takes, in UTF-8 bytes. */
export const TOPIC_MAX_BYTES = 390;
/** The longest room key, in UTF-8 bytes. */
export const KEY_MAX_BYTES = 23;
export const LIMIT_MAX = 100000;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** Why a topic would be refused, or null. `""` is fine: it clears the topic. */
export function topicProblem(topic: string): string | null {
  if (/[\r\n]/.test(topic)) return 'A topic is one line.';
  if (utf8Bytes(topic) > TOPIC_MAX_BYTES) return `A topic has at most ${TOPIC_MAX_BYTES} bytes.`;
  return null;
}

/** Why a room key would be refused, or null. `""` removes the key. */
export function keyProblem(key: string): string | null {
  if (/[\s,]/.test(key) || /\p{Cc}/u.test(key)) return 'A key has no spaces or commas.';
  if (utf8Bytes(key) > KEY_MAX_BYTES) return `A key has at most ${KEY_MAX_BYTES} bytes.`;
  return null;
}

/** The member limit typed in a field: a number, 0 for none, or an error sentence. */
export function parseLimit(text: string): number | { error: string } {
  const t = text.trim();
  if (t === '') return 0;
  if (!/^\d+$/.test(t)) return { error: 'The limit is a whole number.' };
  const n = Number(t);
  if (n > LIMIT_MAX) return { error: `The limit is at most ${LIMIT_MAX}.` };
  return n;
}

const quote = (text: string) => `“${text}”`;

/** Sentences, without their subject, for each setting that differs between two room objects. */
export function roomChanges(before: Room | undefined, after: Room): string[] {
  const out: string[] = [];
  const was = before ?? { name: after.name, topic: '' };
  if ((was.topic ?? '') !== after.topic) {
    out.push(after.topic ? `changed the topic to ${quote(after.topic)}` : 'cleared the topic');
  }
  if (!!was.moderated !== !!after.moderated) {
    out.push(after.moderated ? 'made the room moderated' : 'made the room unmoderated');
  }
  if (!!was.topic_locked !== !!after.topic_locked) {
    out.push(after.topic_locked ? 'locked the topic to operators' : 'let every member set the topic');
  }
  if (!!was.secret !== !!after.secret) {
    out.push(after.secret ? 'made the room secret' : 'made the room visible in room lists');
  }
  if (!!was.invite_only !== !!after.invite_only) {
    out.push(after.invite_only ? 'made the room invite-only' : 'opened the room to everyone');
  }
  // Non-members never see the key itself; only its presence can be compared reliably.
  if ((was.key ?? '') !== (after.key ?? '')) {
    out.push(!after.key ? 'removed the room key' : was.key ? 'changed the room key' : 'set a room key');
  }
  if ((was.limit ?? 0) !== (after.limit ?? 0)) {
    out.push(after.limit ? `limited the room to ${after.limit} members` : 'removed the member limit');
  }
  return out;
}

/** A user's role in a room: admins operate every room. */
export function roleOf(state: AppState, room: string, userId: UserId): RoomRole {
  if (state.users[userId]?.role === 'admin') return 'op';
  return state.roles[room]?.[userId] ?? 'member';
}

/** Roles after a `room_role` event: `member` removes the entry. */
export function withRole(roles: RolesMap | undefined, userId: UserId, role: RoomRole): RolesMap {
  const { [String(userId)]: _old, ...rest } = roles ?? {};
  return role === 'member' ? rest : { ...rest, [String(userId)]: role };
}

const meOf = (state: AppState) => state.me?.id ?? -1;

/** Whether the signed-in user operates the room (as its operator or as an admin). */
export const isRoomOp = (state: AppState, room: string): boolean =>
  state.me?.role === 'admin' || roleOf(state, room, meOf(state)) === 'op';

/** `set_topic` is for operators, or for any member while the topic is unlocked. */
export function canEditTopic(state: AppState, room: string): boolean {
  if (state.me?.role === 'admin') return true;
  if (!state.rooms.includes(room)) return false;
  return isRoomOp(state, room) || !state.roomInfo[room]?.topic_locked;
}

/** Whether the signed-in user may send in the room: always, unless it is moderated. */
export function canSpeak(state: AppState, room: string): boolean {
  if (!state.roomInfo[room]?.moderated) return true;
  return roleOf(state, room, meOf(state)) !== 'member' || state.me?.role === 'admin';
}

/**
 * Whether kick / room ban may be offered on `user` in `room` (null: a direct conversation,
 * where only admins moderate). Room operators who are not admins can't act on admins.
 */
export function canModerate(state: AppState, user: User, room: string | null): boolean {
  if (user.id === state.me?.id) return false;
  if (state.me?.role === 'admin') return true;
  if (!room || !isRoomOp(state, room)) return false;
  return user.role !== 'admin';
}

/** Whether operator / voice / member may be offered for `user` in `room`. */
export function canSetRole(state: AppState, user: User, room: string | null): boolean {
  if (!room || user.id === state.me?.id || user.role === 'admin') return false;
  return isRoomOp(state, room) && (state.members[room]?.includes(user.id) ?? false);
}

/** Server bans are an admin's, and mean nothing for a guest (a guest leaves with its visit). */
export const canServerBan = (state: AppState, user: User): boolean =>
  state.me?.role === 'admin' && user.id !== state.me.id && !user.guest;

export const isGuest = (user: User | undefined): boolean => user?.guest === true;

/** The badges shown next to a user in a room, in order. */
export function badgesOf(state: AppState, user: User, room: string | null): string[] {
  const out: string[] = [];
  if (user.role === 'admin') out.push('admin');
  if (room) {
    const role = state.roles[room]?.[user.id];
    if (user.role !== 'admin' && role === 'op') out.push('operator');
    if (role === 'voice') out.push('voice');
  }
  if (isGuest(user)) out.push('guest');
  return out;
}

/** Words for a `room_role` notice, after the actor's name. */
export function roleChangeText(role: RoomRole): [string, string] {
  if (role === 'op') return ['made', 'an operator'];
  if (role === 'voice') return ['gave', 'voice'];
  return ['made', 'a plain member'];
}

/** Only the fields that differ from the room as it is (set_room changes only those). */
export function changedSettings(info: Room | undefined, wanted: Required<RoomSettings>): RoomSettings {
  const out: RoomSettings = {};
  if (wanted.moderated !== !!info?.moderated) out.moderated = wanted.moderated;
  if (wanted.topic_locked !== !!info?.topic_locked) out.topic_locked = wanted.topic_locked;
  if (wanted.secret !== !!info?.secret) out.secret = wanted.secret;
  if (wanted.invite_only !== !!info?.invite_only) out.invite_only = wanted.invite_only;
  if (wanted.key !== (info?.key ?? '')) out.key = wanted.key;
  if (wanted.limit !== (info?.limit ?? 0)) out.limit = wanted.limit;
  return out;
}
