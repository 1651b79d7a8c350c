import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_MAX_MS, shouldSendTyping } from '../backoff';
import { avatarColour, dayLabel, displayName, initials, typingText } from '../format';
import { DeviceStore, parseCleared } from '../storage';
import { user } from './fixtures';

describe('backoffDelay', () => {
  it.each([
    [0, 1, 1000],
    [0, 0, 500],
    [1, 1, 2000],
    [3, 1, 8000],
    [4, 0.5, 12000],
    [10, 1, BACKOFF_MAX_MS],
    [50, 0, BACKOFF_MAX_MS / 2],
    [2, 7, 4000],
  ])('attempt %i, random %d → %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, random)).toBe(expected);
  });

  it('sends typing notices at most every 3 s', () => {
    expect([shouldSendTyping(0, 2999), shouldSendTyping(0, 3000)]).toEqual([false, true]);
  });
});

describe('format', () => {
  it.each([
    ['Alice Liddell', 'AL'],
    ['bob', 'B'],
    ['mary-jane watson', 'MJ'],
    ['  ', '?'],
    ['élodie', 'É'],
    ['😀 smile', '😀S'],
  ])('initials(%j) = %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('display name falls back to the username', () => {
    expect(displayName(user(1, 'bob', { display_name: '' }))).toBe('bob');
    expect(displayName(undefined)).toBe('Unknown user');
  });

  it('avatar colours are stable and in range', () => {
    expect(avatarColour(9)).toBe(avatarColour(9));
    for (let i = 0; i < 20; i++) expect(avatarColour(i)).toBeLessThan(8);
  });

  it.each([
    [[], ''],
    [['Bob'], 'Bob is typing…'],
    [['Bob', 'Carol'], 'Bob and Carol are typing…'],
    [['Bob', 'Carol', 'Dan'], 'Several people are typing…'],
  ])('typingText(%j)', (names, expected) => {
    expect(typingText(names)).toBe(expected);
  });

  it('day labels', () => {
    const now = new Date(2025, 5, 10, 9, 0).getTime();
    expect(dayLabel(new Date(2025, 5, 10, 1, 0).getTime(), now)).toBe('Today');
    expect(dayLabel(new Date(2025, 5, 9, 23, 0).getTime(), now)).toBe('Yesterday');
    expect(dayLabel(new Date(2025, 5, 1).getTime(), now)).not.toMatch(/Today|Yesterday|2025/);
    expect(dayLabel(new Date(2024, 5, 1).getTime(), now)).toMatch(/2024/);
  });
});

describe('device storage', () => {
  it.each([
    [null, {}],
    ['not json', {}],
    ['[1,2]', {}],
    ['{"#dev": 5, "@2": 9}', { '#dev': 5, '@2': 9 }],
    ['{"#dev": -1, "bad": 3, "@3": "7", "@4": 1.5}', {}],
  ])('parseCleared(%j)', (raw, expected) => {
    expect(parseCleared(raw)).toEqual(expected);
  });

  it('remembers the token and markers per user, and survives a broken storage', () => {
    const map = new Map<string, string>();
    const store = new DeviceStore({
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
      removeItem: (k) => void map.delete(k),
    });
    store.setToken('abc');
    store.setCleared(7, { '#general': 12 });
    expect(store.token()).toBe('abc');
    expect(store.cleared(7)).toEqual({ '#general': 12 });
    expect(store.cleared(8)).toEqual({});
    store.setToken(null);
    expect(store.token()).toBeNull();

    const broken = new DeviceStore({
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => undefined,
    });
    expect(broken.token()).toBeNull();
    expect(() => broken.setToken('x')).not.toThrow();
  });
});
