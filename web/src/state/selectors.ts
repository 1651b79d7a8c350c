// Derived views of the state, shared by components and tests.
import type { User, UserId } from '../api/types';
import { displayName } from './format';
import { parseKey, type ConvKey } from './keys';
import { firstId } from './messages';
import { buildTimeline, type Row } from './timeline';
import { emptyConv, type AppState } from './types';

export const convOf = (state: AppState, key: ConvKey) => state.convs[key] ?? emptyConv();

export function timelineOf(state: AppState, key: ConvKey): Row[] {
  const conv = convOf(state, key);
  return buildTimeline(conv.messages, conv.notices, {
    clearedId: state.cleared[key] ?? 0,
    blocked: state.blocked,
  });
}

/** Whether scrolling up may fetch more: not at the start, and not past a cleared point. */
export function canLoadOlder(state: AppState, key: ConvKey): boolean {
  const conv = convOf(state, key);
  if (!conv.loaded || conv.atStart || conv.loadingOlder) return false;
  const cleared = state.cleared[key] ?? 0;
  return conv.messages.length === 0 ? cleared === 0 : firstId(conv.messages) > cleared + 1;
}

export function titleOf(state: AppState, key: ConvKey): string {
  const target = parseKey(key);
  if (!target) return '';
  if (target.kind === 'room') return `#${target.room}`;
  return displayName(state.users[target.userId]);
}

const byName = (a: User, b: User) =>
  displayName(a).localeCompare(displayName(b), undefined, { sensitivity: 'base' });

/** Room members, online ones first, each group by name; unknown ids are skipped. */
export function membersOf(state: AppState, room: string): { online: User[]; offline: User[] } {
  const users = (state.members[room] ?? []).map((id) => state.users[id]).filter(Boolean);
  return {
    online: users.filter((u) => u.online).sort(byName),
    offline: users.filter((u) => !u.online).sort(byName),
  };
}

export function typingUsers(state: AppState, key: ConvKey, now: number): UserId[] {
  const who = state.typing[key] ?? {};
  return Object.entries(who)
    .filter(([, until]) => until > now)
    .map(([id]) => Number(id))
    .filter((id) => !state.blocked.includes(id));
}

export const isMember = (state: AppState, key: ConvKey): boolean => {
  const target = parseKey(key);
  return target?.kind === 'room' ? state.rooms.includes(target.room) : true;
};

export const isAdmin = (state: AppState): boolean => state.me?.role === 'admin';

/** Ids mentioned by messages whose user object the client has not seen yet. */
export function unknownSenders(state: AppState, key: ConvKey): UserId[] {
  const ids = new Set<UserId>();
  for (const m of convOf(state, key).messages) if (!state.users[m.from]) ids.add(m.from);
  const target = parseKey(key);
  if (target?.kind === 'dm' && !state.users[target.userId]) ids.add(target.userId);
  return [...ids];
}
