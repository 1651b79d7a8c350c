import { describe, expect, it } from 'vitest';
import type { Action } from '../actions';
import { reducer } from '../reducer';
import { initialState, TYPING_MS, type AppState } from '../types';
import { BOB, CAROL, ME, dmMsg, readyFrame, roomMsg, user } from './fixtures';

const run = (...actions: Action[]) => actions.reduce(reducer, initialState());
const ready = (extra = {}): Action => ({ type: 'ready', frame: readyFrame(extra), cleared: {} });
const ids = (state: AppState, key: string) => (state.convs[key]?.messages ?? []).map((m) => m.id);

describe('ready', () => {
  it('takes the account, rooms, online users and blocks', () => {
    const s = run(ready({ rooms: ['dev', 'general'], blocked: [9] }));
    expect(s.me?.id).toBe(ME.id);
    expect(s.rooms).toEqual(['dev', 'general']);
    expect(s.blocked).toEqual([9]);
    expect(s.active).toBe('#general');
    expect(s.connection).toBe('online');
    expect(s.users[BOB.id].online).toBe(true);
  });

  it('marks users absent from the online list offline after a reconnect', () => {
    const s = run(ready(), { type: 'users', users: [CAROL] }, ready({ online: [ME] }));
    expect(s.users[BOB.id].online).toBe(false);
    expect(s.users[CAROL.id].online).toBe(false);
    expect(s.users[ME.id].online).toBe(true);
  });

  it('keeps the open conversation across reconnects', () => {
    const s = run(ready(), { type: 'open', key: '#dev' }, ready());
    expect(s.active).toBe('#dev');
  });

  it('restores clear markers', () => {
    const s = reducer(initialState(), { type: 'ready', frame: readyFrame(), cleared: { '#dev': 40 } });
    expect(s.cleared).toEqual({ '#dev': 40 });
  });
});

describe('messages and unread counts', () => {
  const cases: [string, Action[], Record<string, number>][] = [
    ['a message in the open room is read', [roomMsg(10, 2, 'general')].map((m) => ({ type: 'message', message: m })), {}],
    ['a message elsewhere is unread', [{ type: 'message', message: roomMsg(10, 2, 'dev') }], { '#dev': 1 }],
    [
      'the same message twice counts once',
      [
        { type: 'message', message: roomMsg(10, 2, 'dev') },
        { type: 'message', message: roomMsg(10, 2, 'dev') },
      ],
      { '#dev': 1 },
    ],
    ['own messages from another tab are read', [{ type: 'message', message: roomMsg(10, 1, 'dev') }], {}],
    ['a direct message is unread', [{ type: 'message', message: dmMsg(11, 2, 1) }], { '@2': 1 }],
    [
      'opening resets the count',
      [{ type: 'message', message: roomMsg(10, 2, 'dev') }, { type: 'open', key: '#dev' }],
      { '#dev': 0 },
    ],
  ];
  it.each(cases)('%s', (_name, actions, unread) => {
    const s = run(ready(), ...actions);
    expect(s.unread).toEqual(unread);
  });

  it('files direct messages under the other person and lists them first', () => {
    const s = run(ready(), { type: 'message', message: dmMsg(5, 2, 1) }, { type: 'message', message: dmMsg(6, 1, 3) });
    expect(ids(s, '@2')).toEqual([5]);
    expect(ids(s, '@3')).toEqual([6]);
    expect(s.dms).toEqual([3, 2]);
  });

  it('a message ends its sender’s typing notice', () => {
    const s = run(ready(), { type: 'typing', room: 'general', userId: 2, now: 0 }, { type: 'message', message: roomMsg(3, 2) });
    expect(s.typing['#general']).toEqual({});
  });
});

describe('history pages', () => {
  const page = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => roomMsg(from + i, 2, 'dev'));

  it.each([
    ['a short latest page reaches the start', 'latest', 10, true],
    ['a full latest page may have more', 'latest', 50, false],
    ['a short older page reaches the start', 'older', 3, true],
    ['catch-up pages say nothing about the start', 'after', 3, false],
  ] as const)('%s', (_name, kind, count, atStart) => {
    const s = run(ready(), { type: 'history', key: '#dev', messages: page(100, 99 + count), kind, limit: 50 });
    expect(s.convs['#dev'].atStart).toBe(atStart);
  });

  it('merges pages in any order without duplicates', () => {
    const s = run(
      ready(),
      { type: 'message', message: roomMsg(60, 2, 'dev') },
      { type: 'history', key: '#dev', messages: page(51, 60), kind: 'latest', limit: 10 },
      { type: 'history', key: '#dev', messages: page(41, 50), kind: 'older', limit: 10 },
      { type: 'history', key: '#dev', messages: page(55, 62), kind: 'after', limit: 100 },
    );
    expect(ids(s, '#dev')).toEqual(page(41, 62).map((m) => m.id));
  });

  it('missed messages fetched after a reconnect count as unread', () => {
    const s = run(
      ready(),
      { type: 'message', message: roomMsg(5, 2, 'dev') },
      { type: 'history', key: '#dev', messages: [roomMsg(5, 2, 'dev'), roomMsg(6, 2, 'dev'), roomMsg(7, 1, 'dev')], kind: 'after', limit: 100 },
    );
    expect(s.unread['#dev']).toBe(2);
  });
});

describe('typing', () => {
  it('expires after TYPING_MS', () => {
    const s1 = run(ready(), { type: 'typing', room: 'general', userId: 2, now: 1000 });
    expect(s1.typing['#general']).toEqual({ 2: 1000 + TYPING_MS });
    const s2 = reducer(s1, { type: 'tick', now: 1000 + TYPING_MS - 1 });
    expect(s2).toBe(s1);
    const s3 = reducer(s1, { type: 'tick', now: 1000 + TYPING_MS });
    expect(s3.typing['#general']).toEqual({});
  });

  it('ignores our own and blocked users’ notices', () => {
    const s = run(ready({ blocked: [3] }), { type: 'typing', room: 'general', userId: 1, now: 0 }, { type: 'typing', room: 'general', userId: 3, now: 0 });
    expect(s.typing).toEqual({});
  });
});

describe('rooms and members', () => {
  const joined = (): Action => ({ type: 'room_joined', room: 'dev', members: [ME, BOB], history: [roomMsg(4, 2, 'dev')] });

  it('join answers set members and history', () => {
    const s = run(ready({ rooms: ['general'] }), joined());
    expect(s.rooms).toEqual(['dev', 'general']);
    expect(s.members.dev).toEqual([1, 2]);
    expect(ids(s, '#dev')).toEqual([4]);
    expect(s.convs['#dev'].loaded).toBe(true);
  });

  it('joined and left events update members and add notices after the newest message', () => {
    const s = run(
      ready(),
      joined(),
      { type: 'member_joined', room: 'dev', user: CAROL, now: 5 },
      { type: 'message', message: roomMsg(9, 3, 'dev') },
      { type: 'member_left', room: 'dev', userId: 2, reason: 'kicked', now: 6 },
    );
    expect(s.members.dev).toEqual([1, 3]);
    expect(s.convs['#dev'].notices.map((n) => [n.kind, 'userId' in n ? n.userId : null, n.afterId])).toEqual([
      ['joined', 3, 4],
      ['kicked', 2, 9],
    ]);
  });

  it('notices are not added to a conversation that was never loaded', () => {
    const s = run(ready(), { type: 'member_joined', room: 'dev', user: CAROL, now: 5 });
    expect(s.convs['#dev']).toBeUndefined();
  });

  it('leaving (or being kicked from) the open room moves to #general', () => {
    const s = run(ready(), joined(), { type: 'open', key: '#dev' }, { type: 'member_left', room: 'dev', userId: 1, reason: 'kicked', now: 1 });
    expect(s.rooms).toEqual(['general']);
    expect(s.active).toBe('#general');
    expect(s.members.dev).toBeUndefined();
  });

  it('our own join from another tab adds the room', () => {
    const s = run(ready({ rooms: ['general'] }), { type: 'member_joined', room: 'new', user: ME, now: 1 });
    expect(s.rooms).toEqual(['general', 'new']);
  });
});

describe('presence and profiles', () => {
  it('presence events switch the online flag', () => {
    const s = run(ready(), { type: 'presence', user: BOB, online: false });
    expect(s.users[2].online).toBe(false);
  });

  it('a profile change of our own updates the top bar user', () => {
    const s = run(ready(), { type: 'users', users: [user(1, 'alice', { display_name: 'Alice L.' })] });
    expect(s.me?.display_name).toBe('Alice L.');
    expect(s.me?.online).toBe(true);
  });
});

describe('blocking', () => {
  it('block records the id and drops their typing notice', () => {
    const s = run(ready(), { type: 'typing', room: 'general', userId: 2, now: 0 }, { type: 'block', userId: 2 });
    expect(s.blocked).toEqual([2]);
    expect(s.typing['#general']).toEqual({});
  });

  it('unblock forgets loaded lists so they are fetched again with the missing messages', () => {
    const s = run(
      ready({ blocked: [2] }),
      { type: 'history', key: '#general', messages: [roomMsg(3, 1)], kind: 'latest', limit: 50 },
      { type: 'unblock', userId: 2 },
    );
    expect(s.blocked).toEqual([]);
    expect(s.convs['#general'].loaded).toBe(false);
    expect(s.convs['#general'].messages).toEqual([]);
  });
});

describe('clear messages', () => {
  it('marks the newest message and never moves the marker back', () => {
    const s1 = run(ready(), { type: 'message', message: roomMsg(7, 2) }, { type: 'clear', key: '#general' });
    expect(s1.cleared['#general']).toBe(7);
    const s2 = reducer({ ...s1, cleared: { '#general': 20 } }, { type: 'clear', key: '#general' });
    expect(s2.cleared['#general']).toBe(20);
  });
});

describe('pending messages', () => {
  it('are replaced by the acknowledged message', () => {
    const s = run(
      ready(),
      { type: 'pending_add', key: '#general', tempId: 't1', text: 'hi', ts: 0 },
      { type: 'pending_done', key: '#general', tempId: 't1', message: roomMsg(12, 1) },
    );
    expect(s.convs['#general'].pending).toEqual([]);
    expect(ids(s, '#general')).toEqual([12]);
    expect(s.unread).toEqual({});
  });

  it('are dropped on failure', () => {
    const s = run(ready(), { type: 'pending_add', key: '#general', tempId: 't1', text: 'hi', ts: 0 }, { type: 'pending_done', key: '#general', tempId: 't1' });
    expect(s.convs['#general'].pending).toEqual([]);
  });
});

describe('direct conversations', () => {
  it('the conversations answer orders the list, newest first', () => {
    const s = run(ready(), { type: 'open', key: '@3' }, {
      type: 'conversations',
      list: [
        { user: BOB, last_message: dmMsg(9, 2, 1) },
        { user: CAROL, last_message: dmMsg(4, 1, 3) },
      ],
    });
    expect(s.dms).toEqual([2, 3]);
  });

  it('opening a direct conversation lists it', () => {
    const s = run(ready(), { type: 'open', key: '@2' });
    expect(s.dms).toEqual([2]);
    expect(s.active).toBe('@2');
  });
});
