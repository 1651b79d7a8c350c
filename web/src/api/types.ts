// Shapes of docs/protocol.md, version 1 plus the documented extensions.
import type { FileObject } from '../state/files';

export type { FileObject };

export type UserId = number;
export type MessageId = number;

export interface User {
  id: UserId;
  username: string;
  display_name: string;
  first_name: string;
  last_name: string;
  avatar_url: string | null;
  role: 'member' | 'admin';
  online: boolean;
  /** [ext] An IRC visitor without an account; absent for accounts. */
  guest?: boolean;
}

export interface Message {
  id: MessageId;
  room: string | null;
  from: UserId;
  to: UserId | null;
  text: string;
  ts: number;
  attachments: FileObject[];
}

export interface Room {
  name: string;
  topic: string;
  // [ext] settings; absent from an older server.
  topic_by?: string;
  topic_at?: number;
  topic_locked?: boolean;
  moderated?: boolean;
  secret?: boolean;
  invite_only?: boolean;
  /** 0 for no limit. */
  limit?: number;
  /** Only for members, and only when the room has one. */
  key?: string;
}

/** A role in one room; `member` (no entry in `roles`) is the plain one. */
export type RoomRole = 'op' | 'voice' | 'member';
export type RolesMap = Record<string, 'op' | 'voice'>;

export interface RoomListing extends Room {
  members: number;
}

export interface Conversation {
  user: User;
  last_message: Message;
}

export interface ReadyFrame {
  type: 'ready';
  user: User;
  rooms: string[];
  online: User[];
  blocked: UserId[];
}

export type ServerEvent =
  | { type: 'message'; message: Message }
  | { type: 'joined'; room: string; user: User }
  | { type: 'left'; room: string; user_id: UserId; reason?: string }
  | { type: 'typing'; room: string; user_id: UserId }
  | { type: 'kicked'; room: string; by: UserId; reason: string; banned?: boolean }
  | { type: 'banned'; reason: string }
  | { type: 'presence'; user: User; online: boolean }
  | { type: 'user'; user: User }
  | { type: 'room'; room: Room; by: string }
  | { type: 'room_role'; room: string; user_id: UserId; role: RoomRole; by: string }
  | { type: 'invited'; room: string; by: UserId; user_id: UserId };

export interface JoinAnswer {
  room: Room;
  members: User[];
  history: Message[];
  roles?: RolesMap;
  /** `members` answer, for the room's operators. */
  bans?: User[];
}

/** What `set_room` may change; only the fields given are changed. */
export interface RoomSettings {
  topic_locked?: boolean;
  moderated?: boolean;
  secret?: boolean;
  invite_only?: boolean;
  key?: string;
  limit?: number;
}

/** Commands the client sends; the answer is `ok` with the fields named in the protocol. */
export type Command =
  | { type: 'join'; room: string; key?: string }
  | { type: 'members'; room: string }
  | { type: 'invite'; room: string; user_id: UserId }
  | { type: 'set_topic'; room: string; topic: string }
  | ({ type: 'set_room'; room: string } & RoomSettings)
  | { type: 'set_role'; room: string; user_id: UserId; role: RoomRole }
  | { type: 'leave'; room: string }
  | { type: 'send'; room: string; text: string; attachments?: number[] }
  | { type: 'send_dm'; to: UserId; text: string; attachments?: number[] }
  | HistoryCommand
  | { type: 'typing'; room: string }
  | { type: 'block' | 'unblock'; user_id: UserId }
  | { type: 'kick'; room: string; user_id: UserId; reason?: string }
  | { type: 'ban'; user_id: UserId; room?: string; reason?: string }
  | { type: 'unban'; user_id: UserId; room?: string }
  | { type: 'conversations' };

export type HistoryCommand = {
  type: 'history';
  limit?: number;
  before?: MessageId;
  after?: MessageId;
} & ({ room: string } | { with: UserId });

/** An error with the protocol's stable code and a sentence meant for a person. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
