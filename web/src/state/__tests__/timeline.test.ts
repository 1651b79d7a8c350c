import { describe, expect, it } from 'vitest';
import { buildTimeline, GROUP_MS, type Row } from '../timeline';
import type { Notice } from '../types';
import { roomMsg } from './fixtures';

const DAY = 24 * 3600 * 1000;
const T0 = new Date(2025, 0, 6, 10, 0, 0).getTime();
const opts = { clearedId: 0, blocked: [] as number[] };

const describeRows = (rows: Row[]) =>
  rows.map((r) =>
    r.kind === 'day' ? 'day' : r.kind === 'notice' ? `notice:${r.notice.kind}` : `${r.message.id}${r.continued ? '+' : ''}`,
  );

const notice = (seq: number, afterId: number, kind: 'joined' | 'left' | 'kicked' = 'joined', ts = T0): Notice => ({
  seq,
  afterId,
  ts,
  kind,
  userId: 5,
});

describe('buildTimeline', () => {
  it.each([
    ['one sender groups', [roomMsg(1, 2, 'g', T0), roomMsg(2, 2, 'g', T0 + 1000)], ['day', '1', '2+']],
    ['another sender breaks the group', [roomMsg(1, 2, 'g', T0), roomMsg(2, 3, 'g', T0 + 1000), roomMsg(3, 2, 'g', T0 + 2000)], ['day', '1', '2', '3']],
    ['a long pause breaks the group', [roomMsg(1, 2, 'g', T0), roomMsg(2, 2, 'g', T0 + GROUP_MS)], ['day', '1', '2']],
    ['a new day adds a separator and breaks the group', [roomMsg(1, 2, 'g', T0), roomMsg(2, 2, 'g', T0 + DAY)], ['day', '1', 'day', '2']],
    ['empty', [], []],
  ])('%s', (_name, messages, expected) => {
    expect(describeRows(buildTimeline(messages, [], opts))).toEqual(expected);
  });

  it('places notices after the message they followed and breaks groups', () => {
    const messages = [roomMsg(1, 2, 'g', T0), roomMsg(2, 2, 'g', T0 + 1000), roomMsg(3, 2, 'g', T0 + 2000)];
    const rows = buildTimeline(messages, [notice(2, 2, 'left'), notice(1, 1)], opts);
    expect(describeRows(rows)).toEqual(['day', '1', 'notice:joined', '2', 'notice:left', '3']);
  });

  it('notices after the newest message come last', () => {
    const rows = buildTimeline([roomMsg(1, 2, 'g', T0)], [notice(1, 1)], opts);
    expect(describeRows(rows)).toEqual(['day', '1', 'notice:joined']);
  });

  it('hides cleared messages and blocked senders', () => {
    const messages = [roomMsg(1, 2, 'g', T0), roomMsg(2, 3, 'g', T0 + 1), roomMsg(3, 2, 'g', T0 + 2), roomMsg(4, 4, 'g', T0 + 3)];
    const rows = buildTimeline(messages, [], { clearedId: 1, blocked: [2] });
    expect(describeRows(rows)).toEqual(['day', '2', '4']);
  });

  it('a hidden message between two of the same sender does not split them', () => {
    const messages = [roomMsg(1, 2, 'g', T0), roomMsg(2, 9, 'g', T0 + 1), roomMsg(3, 2, 'g', T0 + 2)];
    expect(describeRows(buildTimeline(messages, [], { clearedId: 0, blocked: [9] }))).toEqual(['day', '1', '3+']);
  });
});
