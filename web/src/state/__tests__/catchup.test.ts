import { describe, expect, it } from 'vitest';
import type { HistoryCommand, Message } from '../../api/types';
import { CATCH_UP_PAGE, fetchAfter, historyCommand } from '../catchup';
import { roomMsg } from './fixtures';

/** A fake server holding messages 1..total, answering `after` pages like the protocol says. */
function server(total: number, ignoresAfter = false) {
  const all = Array.from({ length: total }, (_, i) => roomMsg(i + 1, 2));
  const calls: HistoryCommand[] = [];
  const request = async (command: HistoryCommand): Promise<Message[]> => {
    calls.push(command);
    const limit = command.limit ?? 50;
    if (ignoresAfter || command.after === undefined) return all.slice(-limit);
    return all.filter((m) => m.id > command.after!).slice(0, limit);
  };
  return { request, calls };
}

describe('fetchAfter', () => {
  it.each([
    ['nothing missed', 10, 10, 1],
    ['a few missed', 10, 3, 1],
    ['exactly one page missed', 200, 100, 2],
    ['several pages missed', 350, 20, 4],
  ])('%s', async (_name, total, after, calls) => {
    const fake = server(total);
    const got: number[] = [];
    await fetchAfter(fake.request, { kind: 'room', room: 'general' }, after, (page) => got.push(...page.map((m) => m.id)));
    expect(got).toEqual(Array.from({ length: total - after }, (_, i) => after + i + 1));
    expect(fake.calls.length).toBe(calls);
    expect(fake.calls[0]).toEqual({ type: 'history', room: 'general', after, limit: CATCH_UP_PAGE });
  });

  it('stops on a server that ignores `after` instead of looping', async () => {
    const fake = server(300, true);
    const got: number[] = [];
    await fetchAfter(fake.request, { kind: 'room', room: 'general' }, 10, (page) => got.push(...page.map((m) => m.id)));
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => 201 + i));
    expect(fake.calls.length).toBe(2);
  });

  it('direct conversations use `with`', () => {
    expect(historyCommand({ kind: 'dm', userId: 4 }, { before: 9, limit: 50 })).toEqual({ type: 'history', with: 4, before: 9, limit: 50 });
  });
});
