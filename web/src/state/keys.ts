// A conversation is a room ("#general") or a direct conversation with one user ("@12").
import type { Message, UserId } from '../api/types';

export type ConvKey = string;

export type ConvTarget = { kind: 'room'; room: string } | { kind: 'dm'; userId: UserId };

export const roomKey = (room: string): ConvKey => `#${room}`;
export const dmKey = (userId: UserId): ConvKey => `@${userId}`;

export function parseKey(key: ConvKey): ConvTarget | null {
  if (key.startsWith('#') && key.length > 1) return { kind: 'room', room: key.slice(1) };
  if (key.startsWith('@')) {
    const userId = Number(key.slice(1));
    if (Number.isInteger(userId) && userId > 0) return { kind: 'dm', userId };
  }
  return null;
}

/** The conversation a message belongs to, seen by user `me`. */
export function keyOfMessage(message: Message, me: UserId): ConvKey {
  if (message.room !== null) return roomKey(message.room);
  const other = message.from === me ? message.to : message.from;
  return dmKey(other ?? me);
}
