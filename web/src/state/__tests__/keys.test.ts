import { describe, expect, it } from 'vitest';
import { dmKey, keyOfMessage, parseKey, roomKey } from '../keys';
import { dmMsg, roomMsg } from './fixtures';

describe('conversation keys', () => {
  it.each([
    ['#general', { kind: 'room', room: 'general' }],
    ['@12', { kind: 'dm', userId: 12 }],
    ['#', null],
    ['@0', null],
    ['@x', null],
    ['general', null],
  ])('parseKey(%s)', (key, expected) => {
    expect(parseKey(key)).toEqual(expected);
  });

  it('round-trips', () => {
    expect(parseKey(roomKey('dev'))).toEqual({ kind: 'room', room: 'dev' });
    expect(parseKey(dmKey(7))).toEqual({ kind: 'dm', userId: 7 });
  });

  it.each([
    ['room message', roomMsg(1, 2, 'dev'), '#dev'],
    ['dm received', dmMsg(2, 2, 1), '@2'],
    ['dm sent', dmMsg(3, 1, 2), '@2'],
    ['note to self', dmMsg(4, 1, 1), '@1'],
  ])('keyOfMessage: %s', (_name, message, key) => {
    expect(keyOfMessage(message, 1)).toBe(key);
  });
});
