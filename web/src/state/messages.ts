// Message lists are kept sorted by id with no duplicates, so events, history pages
// and catch-up pages can arrive in any order and any number of times.
import type { Message, MessageId } from '../api/types';

export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return existing as Message[];
  const last = existing.length ? existing[existing.length - 1].id : -Infinity;
  if (isStrictlyAscending(incoming) && incoming[0].id > last) return [...existing, ...incoming];
  const byId = new Map<MessageId, Message>();
  for (const m of existing) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function isStrictlyAscending(list: readonly Message[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i].id <= list[i - 1].id) return false;
  return true;
}

export const lastId = (list: readonly Message[]): MessageId =>
  list.length ? list[list.length - 1].id : 0;

export const firstId = (list: readonly Message[]): MessageId => (list.length ? list[0].id : 0);
