import type { Conversation, Message, MessageId, ReadyFrame, Room, RoomRole, RolesMap, User, UserId } from '../api/types';
import type { AttachmentAction } from './attachments';
import type { FileObject } from './files';
import type { ConvKey } from './keys';
import type { Alert, Connection, Screen } from './types';

export type HistoryKind = 'latest' | 'older' | 'after';

export type Action =
  | { type: 'screen'; screen: Screen; note?: string | null }
  | { type: 'ready'; frame: ReadyFrame; cleared: Record<ConvKey, MessageId> }
  | { type: 'conversations'; list: Conversation[] }
  | { type: 'users'; users: User[] }
  | { type: 'presence'; user: User; online: boolean }
  | { type: 'room_joined'; room: string; members: User[]; history: Message[]; info?: Room; roles?: RolesMap }
  /** A `room` event: the room object as it is now, changed by the user named `by`. */
  | { type: 'room_changed'; room: Room; by: string; now: number }
  | { type: 'room_role'; room: string; userId: UserId; role: RoomRole; by: string; now: number }
  /** An `invited` event, or our own `invite` acknowledged. */
  | { type: 'invited'; room: string; by: UserId; userId: UserId; now: number }
  | { type: 'invite_dismiss'; room: string }
  | { type: 'room_left'; room: string }
  | { type: 'member_joined'; room: string; user: User; now: number }
  | { type: 'member_left'; room: string; userId: UserId; reason?: string; now: number }
  | { type: 'message'; message: Message }
  | { type: 'history'; key: ConvKey; messages: Message[]; kind: HistoryKind; limit: number }
  | { type: 'loading_older'; key: ConvKey; value: boolean }
  | { type: 'open'; key: ConvKey }
  | { type: 'typing'; room: string; userId: UserId; now: number }
  | { type: 'tick'; now: number }
  | { type: 'block'; userId: UserId }
  | { type: 'unblock'; userId: UserId }
  | { type: 'clear'; key: ConvKey }
  | { type: 'connection'; connection: Connection; retryAt?: number | null }
  | { type: 'alert'; alert: Alert | null }
  | { type: 'pending_add'; key: ConvKey; tempId: string; text: string; ts: number; files?: FileObject[] }
  | { type: 'attachments'; key: ConvKey; action: AttachmentAction }
  | { type: 'pending_done'; key: ConvKey; tempId: string; message?: Message };
