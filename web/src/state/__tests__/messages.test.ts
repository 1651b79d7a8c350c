import { describe, expect, it } from 'vitest';
import { firstId, lastId, mergeMessages } from '../messages';
import { roomMsg } from './fixtures';

const ids = (list: { id: number }[]) => list.map((m) => m.id);
const msgs = (...list: number[]) => list.map((id) => roomMsg(id, 2));

describe('mergeMessages', () => {
  const cases: [string, number[], number[], number[]][] = [
    ['empty + page', [], [1, 2, 3], [1, 2, 3]],
    ['append newer', [1, 2], [3, 4], [1, 2, 3, 4]],
    ['prepend older', [5, 6], [3, 4], [3, 4, 5, 6]],
    ['duplicates dropped', [1, 2, 3], [2, 3, 4], [1, 2, 3, 4]],
    ['same event twice', [1, 2], [2], [1, 2]],
    ['out of order input', [4], [9, 1, 6], [1, 4, 6, 9]],
    ['fills a gap', [1, 2, 8, 9], [3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['nothing new', [1, 2], [], [1, 2]],
    ['duplicates inside the page', [], [3, 3, 2], [2, 3]],
  ];
  it.each(cases)('%s', (_name, existing, incoming, expected) => {
    expect(ids(mergeMessages(msgs(...existing), msgs(...incoming)))).toEqual(expected);
  });

  it('keeps the same array when nothing is added', () => {
    const list = msgs(1, 2);
    expect(mergeMessages(list, [])).toBe(list);
  });

  it('first and last ids', () => {
    expect([firstId([]), lastId([])]).toEqual([0, 0]);
    expect([firstId(msgs(4, 7)), lastId(msgs(4, 7))]).toEqual([4, 7]);
  });
});
