import { describe, expect, it } from 'vitest';
import { checkMessageText, checkNameField, checkPassword, checkSignIn, checkSignUp, checkUsername, normaliseRoomName } from '../validation';

describe('checkUsername', () => {
  it.each([
    ['alice', null],
    ['Al_1-x', null],
    ['abc', null],
    ['a'.repeat(32), null],
    ['', 'Enter a username.'],
    ['ab', 'Usernames have 3 to 32 characters.'],
    ['a'.repeat(33), 'Usernames have 3 to 32 characters.'],
    ['1abc', expect.stringContaining('letter first')],
    ['ali ce', expect.stringContaining('no spaces')],
    ['élise', expect.stringContaining('letter first')],
  ])('%s', (name, expected) => {
    expect(checkUsername(name)).toEqual(expected);
  });
});

describe('checkPassword counts UTF-8 bytes', () => {
  it.each([
    ['', 'Enter a password.'],
    ['1234567', 'Passwords have at least 8 characters.'],
    ['12345678', null],
    ['éééé', null],
    ['ééé', 'Passwords have at least 8 characters.'],
    ['x'.repeat(1025), 'Passwords have at most 1024 bytes.'],
  ])('%j', (password, expected) => {
    expect(checkPassword(password)).toBe(expected);
  });
});

describe('checkSignUp', () => {
  it.each([
    [{ username: 'alice', password: 'secret123', confirm: 'secret123' }, {}],
    [{ username: '', password: '', confirm: '' }, { username: 'Enter a username.', password: 'Enter a password.', confirm: 'Enter the password again.' }],
    [{ username: 'alice', password: 'secret123', confirm: 'secret124' }, { confirm: 'The passwords don’t match.' }],
  ])('%j', (form, expected) => {
    expect(checkSignUp(form)).toEqual(expected);
  });

  it('sign-in only needs both fields', () => {
    expect(checkSignIn({ username: ' ', password: '' })).toEqual({ username: 'Enter your username.', password: 'Enter your password.' });
    expect(checkSignIn({ username: 'bob', password: 'x' })).toEqual({});
  });
});

describe('normaliseRoomName', () => {
  it.each([
    ['dev', { room: 'dev' }],
    ['#Dev', { room: 'dev' }],
    ['  team-1 ', { room: 'team-1' }],
    ['', { error: 'Enter a room name.' }],
    ['#', { error: 'Enter a room name.' }],
    ['my room', { error: expect.stringContaining('lowercase') }],
    ['-dev', { error: expect.stringContaining('lowercase') }],
    ['a'.repeat(51), { error: 'Room names have at most 50 characters.' }],
  ])('%j', (input, expected) => {
    expect(normaliseRoomName(input)).toEqual(expected);
  });
});

describe('checkNameField', () => {
  it.each([
    ['Alice', null],
    ['  ', 'Display name can’t be empty.'],
    ['x'.repeat(101), 'Display name has at most 100 characters.'],
    ['a\u0007b', 'Display name can’t contain control characters.'],
  ])('%j', (value, expected) => {
    expect(checkNameField('Display name', value)).toBe(expected);
  });
});

describe('checkMessageText', () => {
  it.each([
    ['hello', null],
    ['  line\nbreak ', null],
    ['', ''],
    [' \n\t\u00a0\u3000', ''],
    ['x'.repeat(4000), null],
    ['x'.repeat(4001), 'Messages have at most 4000 characters.'],
    ['😀'.repeat(4000), null],
  ])('%j', (text, expected) => {
    expect(checkMessageText(text)).toBe(expected);
  });
});
