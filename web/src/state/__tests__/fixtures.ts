import type { Message, ReadyFrame, User } from '../../api/types';

export const user = (id: number, name = `user${id}`, extra: Partial<User> = {}): User => ({
  id,
  username: name,
  display_name: name,
  first_name: '',
  last_name: '',
  avatar_url: null,
  role: 'member',
  online: true,
  ...extra,
});

const BASE_TS = Date.UTC(2025, 0, 6, 12, 0, 0);

export const roomMsg = (id: number, from: number, room = 'general', ts = BASE_TS + id * 1000): Message => ({
  id,
  room,
  from,
  to: null,
  text: `message ${id}`,
  ts,
  attachments: [],
});

export const dmMsg = (id: number, from: number, to: number, ts = BASE_TS + id * 1000): Message => ({
  id,
  room: null,
  from,
  to,
  text: `dm ${id}`,
  ts,
  attachments: [],
});

export const ME = user(1, 'alice');
export const BOB = user(2, 'bob');
export const CAROL = user(3, 'carol');

export const readyFrame = (extra: Partial<ReadyFrame> = {}): ReadyFrame => ({
  type: 'ready',
  user: ME,
  rooms: ['general', 'dev'],
  online: [ME, BOB],
  blocked: [],
  ...extra,
});
