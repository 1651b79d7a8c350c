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
}

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
  | { type: 'user'; user: User };

export interface JoinAnswer {
  room: Room;
  members: User[];
  history: Message[];
}

/** Commands the client sends; the answer is `ok` with the fields named in the protocol. */
export type Command =
  | { type: 'join'; room: string }
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
