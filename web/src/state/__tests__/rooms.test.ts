import { describe, expect, it } from 'vitest';
import type { Room } from '../../api/types';
import type { Action } from '../actions';
import { reducer } from '../reducer';
import {
  badgesOf,
  canEditTopic,
  canModerate,
  canServerBan,
  canSetRole,
  canSpeak,
  changedSettings,
  isRoomOp,
  keyProblem,
  parseLimit,
  roleOf,
  roomChanges,
  topicProblem,
} from '../rooms';
import { initialState, type AppState } from '../types';
import { BOB, CAROL, ME, readyFrame, roomMsg, user } from './fixtures';

const run = (...actions: Action[]) => actions.reduce(reducer, initialState());
const ready = (extra = {}): Action => ({ type: 'ready', frame: readyFrame(extra), cleared: {} });
const dev = (extra: Partial<Room> = {}): Room => ({
  name: 'dev',
  topic: '',
  topic_by: '',
  topic_at: 0,
  topic_locked: true,
  moderated: false,
  secret: false,
  limit: 0,
  ...extra,
});
const joined = (info: Room = dev(), roles: Record<string, 'op' | 'voice'> = {}): Action => ({
  type: 'room_joined',
  room: 'dev',
  members: [ME, BOB, CAROL],
  history: [roomMsg(4, 2, 'dev')],
  info,
  roles,
});
const noticeTexts = (s: AppState) => s.convs['#dev'].notices;

describe('room events', () => {
  it('keeps the room object and roles of the join answer', () => {
    const s = run(ready(), joined(dev({ topic: 'Builds' }), { '2': 'op', '3': 'voice' }));
    expect(s.roomInfo.dev.topic).toBe('Builds');
    expect(roleOf(s, 'dev', BOB.id)).toBe('op');
    expect(roleOf(s, 'dev', CAROL.id)).toBe('voice');
    expect(roleOf(s, 'dev', ME.id)).toBe('member');
  });

  it('applies a room event and adds one notice per change, after the newest message', () => {
    const s = run(
      ready(),
      joined(),
      { type: 'room_changed', room: dev({ topic: 'Release on Friday', topic_by: 'bob', moderated: true }), by: 'bob', now: 5 },
    );
    expect(s.roomInfo.dev.topic).toBe('Release on Friday');
    expect(s.roomInfo.dev.moderated).toBe(true);
    expect(noticeTexts(s)).toMatchObject([
      { kind: 'room', by: 'bob', change: 'changed the topic to “Release on Friday”', afterId: 4 },
      { kind: 'room', by: 'bob', change: 'made the room moderated', afterId: 4 },
    ]);
  });

  it('updates the room of a conversation not loaded yet, without a notice', () => {
    const s = run(ready(), { type: 'room_changed', room: dev({ topic: 'x' }), by: 'bob', now: 5 });
    expect(s.roomInfo.dev.topic).toBe('x');
    expect(s.convs['#dev']).toBeUndefined();
  });

  it('applies room_role events, and member removes the role', () => {
    let s = run(ready(), joined(), { type: 'room_role', room: 'dev', userId: ME.id, role: 'voice', by: 'bob', now: 5 });
    expect(roleOf(s, 'dev', ME.id)).toBe('voice');
    expect(noticeTexts(s).at(-1)).toMatchObject({ kind: 'role', by: 'bob', userId: ME.id, role: 'voice' });
    s = reducer(s, { type: 'room_role', room: 'dev', userId: ME.id, role: 'member', by: 'bob', now: 6 });
    expect(roleOf(s, 'dev', ME.id)).toBe('member');
    expect(s.roles.dev).toEqual({});
    const count = noticeTexts(s).length;
    s = reducer(s, { type: 'room_role', room: 'dev', userId: ME.id, role: 'member', by: 'bob', now: 7 });
    expect(noticeTexts(s).length).toBe(count);
  });

  it('keeps an invitation to me until I join, and notes one to someone else in the room', () => {
    let s = run(ready({ rooms: ['general'] }), { type: 'invited', room: 'dev', by: BOB.id, userId: ME.id, now: 5 });
    expect(s.invites).toEqual([{ room: 'dev', by: BOB.id, ts: 5 }]);
    s = reducer(s, { type: 'invited', room: 'dev', by: BOB.id, userId: ME.id, now: 6 });
    expect(s.invites).toHaveLength(1);
    s = reducer(s, joined());
    expect(s.invites).toEqual([]);
    s = reducer(s, { type: 'invited', room: 'dev', by: BOB.id, userId: 9, now: 7 });
    expect(noticeTexts(s).at(-1)).toMatchObject({ kind: 'invited', byId: BOB.id, userId: 9 });
    expect(s.invites).toEqual([]);
  });

  it('ignores an invitation to a room I am in, and dismisses one', () => {
    const s = run(ready(), { type: 'invited', room: 'dev', by: BOB.id, userId: ME.id, now: 5 });
    expect(s.invites).toEqual([]);
    const t = run(ready({ rooms: [] }), { type: 'invited', room: 'x', by: 2, userId: ME.id, now: 1 }, { type: 'invite_dismiss', room: 'x' });
    expect(t.invites).toEqual([]);
  });
});

describe('roomChanges', () => {
  it('says what changed', () => {
    expect(roomChanges(dev({ topic: 'a' }), dev({ topic: '' }))).toEqual(['cleared the topic']);
    expect(roomChanges(dev({}), dev({ invite_only: true }))).toEqual(['made the room invite-only']);
    expect(roomChanges(dev(), dev({ topic_locked: false }))).toEqual(['let every member set the topic']);
    expect(roomChanges(dev(), dev({ secret: true, limit: 10 }))).toEqual(['made the room secret', 'limited the room to 10 members']);
    expect(roomChanges(dev({ key: 'k' }), dev())).toEqual(['removed the room key']);
    expect(roomChanges(dev(), dev({ key: 'k' }))).toEqual(['set a room key']);
    expect(roomChanges(dev({ moderated: true }), dev())).toEqual(['made the room unmoderated']);
    expect(roomChanges(dev(), dev())).toEqual([]);
  });
});

describe('permissions', () => {
  const admin = user(1, 'alice', { role: 'admin' });
  const asAdmin = (s: AppState) => reducer(s, { type: 'users', users: [admin] });

  it('lets operators edit a locked topic and members only an unlocked one', () => {
    const member = run(ready(), joined(dev({ topic_locked: true })));
    expect(canEditTopic(member, 'dev')).toBe(false);
    const unlocked = run(ready(), joined(dev({ topic_locked: false })));
    expect(canEditTopic(unlocked, 'dev')).toBe(true);
    const op = run(ready(), joined(dev({ topic_locked: true }), { '1': 'op' }));
    expect(canEditTopic(op, 'dev')).toBe(true);
    expect(canEditTopic(asAdmin(member), 'dev')).toBe(true);
    // Not a member (any more): the server answers not_member.
    const gone = reducer(unlocked, { type: 'room_left', room: 'dev' });
    expect(canEditTopic(gone, 'dev')).toBe(false);
  });

  it('lets everyone speak unless the room is moderated; then ops, voiced and admins', () => {
    expect(canSpeak(run(ready(), joined()), 'dev')).toBe(true);
    const moderated = run(ready(), joined(dev({ moderated: true })));
    expect(canSpeak(moderated, 'dev')).toBe(false);
    const voiced = reducer(moderated, { type: 'room_role', room: 'dev', userId: ME.id, role: 'voice', by: 'bob', now: 1 });
    expect(canSpeak(voiced, 'dev')).toBe(true);
    expect(canSpeak(run(ready(), joined(dev({ moderated: true }), { '1': 'op' })), 'dev')).toBe(true);
    expect(canSpeak(asAdmin(moderated), 'dev')).toBe(true);
  });

  it('shows operator actions to room operators and admins, not to members', () => {
    const member = run(ready(), joined());
    expect(isRoomOp(member, 'dev')).toBe(false);
    expect(canModerate(member, BOB, 'dev')).toBe(false);
    expect(canSetRole(member, BOB, 'dev')).toBe(false);
    const op = run(ready(), joined(dev(), { '1': 'op' }));
    expect(isRoomOp(op, 'dev')).toBe(true);
    expect(canModerate(op, BOB, 'dev')).toBe(true);
    expect(canSetRole(op, BOB, 'dev')).toBe(true);
    // Not in another room, nor in a direct conversation, nor on oneself, nor on an admin.
    expect(canModerate(op, BOB, 'general')).toBe(false);
    expect(canModerate(op, BOB, null)).toBe(false);
    expect(canModerate(op, ME, 'dev')).toBe(false);
    const boss = user(7, 'boss', { role: 'admin' });
    expect(canModerate(op, boss, 'dev')).toBe(false);
    expect(canSetRole(op, boss, 'dev')).toBe(false);
    // Roles only for members of the room.
    expect(canSetRole(op, user(8, 'zed'), 'dev')).toBe(false);
    expect(canServerBan(op, BOB)).toBe(false);
    const adm = asAdmin(member);
    expect(canModerate(adm, BOB, 'dev')).toBe(true);
    expect(canModerate(adm, boss, 'general')).toBe(true);
    expect(canServerBan(adm, BOB)).toBe(true);
  });

  it('follows room_role events for my own rights', () => {
    const s = run(ready(), joined(), { type: 'room_role', room: 'dev', userId: ME.id, role: 'op', by: 'bob', now: 1 });
    expect(isRoomOp(s, 'dev')).toBe(true);
    const t = reducer(s, { type: 'room_role', room: 'dev', userId: ME.id, role: 'member', by: 'bob', now: 2 });
    expect(isRoomOp(t, 'dev')).toBe(false);
  });
});

describe('badges', () => {
  it('marks operators, voiced members, admins and guests', () => {
    const guest = user(9, 'visitor', { guest: true });
    const boss = user(7, 'boss', { role: 'admin' });
    const s = run(ready(), joined(dev(), { '2': 'op', '3': 'voice', '7': 'op' }));
    expect(badgesOf(s, BOB, 'dev')).toEqual(['operator']);
    expect(badgesOf(s, CAROL, 'dev')).toEqual(['voice']);
    expect(badgesOf(s, boss, 'dev')).toEqual(['admin']);
    expect(badgesOf(s, guest, 'dev')).toEqual(['guest']);
    expect(badgesOf(s, guest, null)).toEqual(['guest']);
    expect(badgesOf(s, BOB, null)).toEqual([]);
    expect(badgesOf(s, ME, 'dev')).toEqual([]);
  });

  it('never offers a server ban of a guest', () => {
    const s = run(ready(), { type: 'users', users: [user(1, 'alice', { role: 'admin' })] });
    expect(canServerBan(s, user(9, 'visitor', { guest: true }))).toBe(false);
  });
});

describe('settings input', () => {
  it('checks topics, keys and limits as the server does', () => {
    expect(topicProblem('')).toBeNull();
    expect(topicProblem('a\nb')).not.toBeNull();
    expect(topicProblem('é'.repeat(195))).toBeNull();
    expect(topicProblem('é'.repeat(196))).not.toBeNull();
    expect(keyProblem('')).toBeNull();
    expect(keyProblem('s3cret')).toBeNull();
    expect(keyProblem('a b')).not.toBeNull();
    expect(keyProblem('a,b')).not.toBeNull();
    expect(keyProblem('x'.repeat(24))).not.toBeNull();
    expect(parseLimit('')).toBe(0);
    expect(parseLimit(' 12 ')).toBe(12);
    expect(parseLimit('1.5')).toHaveProperty('error');
    expect(parseLimit('100001')).toHaveProperty('error');
  });

  it('sends only the settings that changed', () => {
    const info = dev({ key: 'old', limit: 5 });
    const same = { moderated: false, topic_locked: true, secret: false, invite_only: false, key: 'old', limit: 5 };
    expect(changedSettings(info, same)).toEqual({});
    expect(changedSettings(info, { ...same, moderated: true, key: '', limit: 0 })).toEqual({
      moderated: true,
      key: '',
      limit: 0,
    });
    expect(changedSettings(info, { ...same, invite_only: true })).toEqual({ invite_only: true });
  });
});
