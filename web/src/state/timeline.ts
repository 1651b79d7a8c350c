// Turns a conversation's messages and notices into the rows the message list shows.
import type { Message, MessageId, UserId } from '../api/types';
import { sameDay } from './format';
import type { Notice } from './types';

/** Consecutive messages from one sender within this time are drawn as one group. */
export const GROUP_MS = 5 * 60 * 1000;

export type Row =
  | { kind: 'day'; key: string; ts: number }
  | { kind: 'message'; key: string; message: Message; continued: boolean }
  | { kind: 'notice'; key: string; notice: Notice };

export interface TimelineOptions {
  clearedId: MessageId;
  blocked: readonly UserId[];
}

export function visibleMessages(messages: readonly Message[], opts: TimelineOptions): Message[] {
  return messages.filter((m) => m.id > opts.clearedId && !opts.blocked.includes(m.from));
}

export function buildTimeline(
  messages: readonly Message[],
  notices: readonly Notice[],
  opts: TimelineOptions,
): Row[] {
  const shown = visibleMessages(messages, opts);
  const pendingNotices = [...notices].sort((a, b) => a.afterId - b.afterId || a.seq - b.seq);
  const rows: Row[] = [];
  let previous: { from: UserId; ts: number } | null = null;
  let lastTs: number | null = null;
  let n = 0;

  const pushDayIfNeeded = (ts: number) => {
    if (lastTs === null || !sameDay(lastTs, ts)) {
      rows.push({ kind: 'day', key: `day-${ts}`, ts });
      previous = null;
    }
    lastTs = ts;
  };
  const flushNotices = (upTo: MessageId) => {
    while (n < pendingNotices.length && pendingNotices[n].afterId < upTo) {
      const notice = pendingNotices[n++];
      pushDayIfNeeded(notice.ts);
      rows.push({ kind: 'notice', key: `notice-${notice.seq}`, notice });
      previous = null;
    }
  };

  for (const message of shown) {
    flushNotices(message.id);
    pushDayIfNeeded(message.ts);
    const prev = previous as { from: UserId; ts: number } | null;
    const continued = prev !== null && prev.from === message.from && message.ts - prev.ts < GROUP_MS;
    rows.push({ kind: 'message', key: `m-${message.id}`, message, continued });
    previous = { from: message.from, ts: message.ts };
  }
  flushNotices(Infinity);
  return rows;
}
