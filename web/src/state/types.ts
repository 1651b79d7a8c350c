import type { Message, MessageId, Room, RoomRole, RolesMap, User, UserId } from '../api/types';
import type { Attachment } from './attachments';
import type { FileObject } from './files';
import type { ConvKey } from './keys';

/** What a notice says; see NoticeRow. `by` names come from the server as usernames. */
export type NoticeBody =
  | { kind: 'joined' | 'left' | 'kicked'; userId: UserId }
  /** A room setting changed: `change` is one sentence without its subject ("made the room moderated"). */
  | { kind: 'room'; by: string; change: string }
  | { kind: 'role'; by: string; userId: UserId; role: RoomRole }
  | { kind: 'invited'; byId: UserId; userId: UserId };

/** A line like "Bob joined" or "alice changed the topic", placed after message `afterId`. */
export type Notice = { seq: number; afterId: MessageId; ts: number } & NoticeBody;

/** An invitation to a room, addressed to this account. */
export interface Invite {
  room: string;
  by: UserId;
  ts: number;
}

/** One of our own messages, shown while the server has not acknowledged it. */
export interface Pending {
  tempId: string;
  text: string;
  ts: number;
  files: FileObject[];
}

export interface ConvState {
  messages: Message[];
  notices: Notice[];
  pending: Pending[];
  /** The newest page has been fetched since the list was last reset. */
  loaded: boolean;
  /** The oldest message of the conversation is in `messages`. */
  atStart: boolean;
  loadingOlder: boolean;
}

export type Connection = 'connecting' | 'online' | 'offline';

/** Something the user must read: being removed from a room. */
export interface Alert {
  kind: 'kicked';
  room: string;
  by: UserId;
  reason: string;
  banned: boolean;
}

/** What fills the window: the sign-in form, the chat, or why the account can't be used. */
export type Screen = 'auth' | 'chat' | 'banned';

export interface AppState {
  screen: Screen;
  /** A sentence shown on that screen, such as why the session ended. */
  screenNote: string | null;
  me: User | null;
  users: Record<UserId, User>;
  /** Rooms the account is a member of, sorted by name. */
  rooms: string[];
  /** Member ids of the rooms whose list is known (from `join`). */
  members: Record<string, UserId[]>;
  /** Room objects (topic and settings) of the rooms whose `join` answer or `room` event came. */
  roomInfo: Record<string, Room>;
  /** Operators and voiced members per room (from `join`, then `room_role` events). */
  roles: Record<string, RolesMap>;
  /** Invitations not yet acted on, newest last. */
  invites: Invite[];
  /** Direct conversations, most recent first. */
  dms: UserId[];
  convs: Record<ConvKey, ConvState>;
  active: ConvKey | null;
  unread: Record<ConvKey, number>;
  /** For each conversation, who is typing and until when (ms since the epoch). */
  typing: Record<ConvKey, Record<UserId, number>>;
  blocked: UserId[];
  /** Messages up to this id are hidden on this device ("Clear messages"). */
  cleared: Record<ConvKey, MessageId>;
  connection: Connection;
  /** When the next reconnection attempt starts, while offline. */
  retryAt: number | null;
  alert: Alert | null;
  noticeSeq: number;
  /** Files attached to the message being written, per conversation. */
  attachments: Record<ConvKey, Attachment[]>;
}

export const TYPING_MS = 6000;

export const emptyConv = (): ConvState => ({
  messages: [],
  notices: [],
  pending: [],
  loaded: false,
  atStart: false,
  loadingOlder: false,
});

export const initialState = (): AppState => ({
  screen: 'auth',
  screenNote: null,
  me: null,
  users: {},
  rooms: [],
  members: {},
  roomInfo: {},
  roles: {},
  invites: [],
  dms: [],
  convs: {},
  active: null,
  unread: {},
  typing: {},
  blocked: [],
  cleared: {},
  connection: 'connecting',
  retryAt: null,
  alert: null,
  noticeSeq: 0,
  attachments: {},
});
