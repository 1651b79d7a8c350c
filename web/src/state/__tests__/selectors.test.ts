import { describe, expect, it } from 'vitest';
import { reducer } from '../reducer';
import { canLoadOlder, membersOf, titleOf, typingUsers, unknownSenders } from '../selectors';
import { initialState } from '../types';
import type { Action } from '../actions';
import { BOB, CAROL, ME, readyFrame, roomMsg, user } from './fixtures';

const run = (...actions: Action[]) => actions.reduce(reducer, initialState());
const READY: Action = { type: 'ready', frame: readyFrame(), cleared: {} };
const page = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => roomMsg(from + i, 2));

describe('canLoadOlder', () => {
  it.each([
    ['not loaded yet', [], false],
    ['full page loaded', [{ type: 'history', key: '#general', messages: page(51, 100), kind: 'latest', limit: 50 }], true],
    ['short page reached the start', [{ type: 'history', key: '#general', messages: page(1, 10), kind: 'latest', limit: 50 }], false],
    [
      'already loading',
      [
        { type: 'history', key: '#general', messages: page(51, 100), kind: 'latest', limit: 50 },
        { type: 'loading_older', key: '#general', value: true },
      ],
      false,
    ],
    [
      'cleared view stops paging',
      [{ type: 'history', key: '#general', messages: page(51, 100), kind: 'latest', limit: 50 }, { type: 'clear', key: '#general' }],
      false,
    ],
  ] as [string, Action[], boolean][])('%s', (_name, actions, expected) => {
    expect(canLoadOlder(run(READY, ...actions), '#general')).toBe(expected);
  });
});

describe('membersOf', () => {
  it('lists online members first, each group by name', () => {
    const dave = user(4, 'dave', { online: false });
    const s = run(READY, { type: 'room_joined', room: 'dev', members: [dave, BOB, ME, user(3, 'Carol', { online: false })], history: [] });
    const { online, offline } = membersOf(s, 'dev');
    expect(online.map((u) => u.username)).toEqual(['alice', 'bob']);
    expect(offline.map((u) => u.username)).toEqual(['Carol', 'dave']);
  });
});

describe('other selectors', () => {
  it('titles', () => {
    const s = run(READY);
    expect(titleOf(s, '#dev')).toBe('#dev');
    expect(titleOf(s, '@2')).toBe('bob');
    expect(titleOf(s, '@99')).toBe('Unknown user');
  });

  it('typing users skip the expired', () => {
    const s = run(READY, { type: 'typing', room: 'general', userId: 2, now: 0 }, { type: 'typing', room: 'general', userId: 3, now: 5000 });
    expect(typingUsers(s, '#general', 7000).sort()).toEqual([3]);
  });

  it('unknown senders are the ones without a user object', () => {
    const s = run(READY, { type: 'history', key: '#general', messages: [roomMsg(1, 2), roomMsg(2, CAROL.id), roomMsg(3, 9)], kind: 'latest', limit: 50 });
    expect(unknownSenders(s, '#general')).toEqual([3, 9]);
  });
});
