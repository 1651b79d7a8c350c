// A `user` event with a new avatar_url reaches every place that shows the user, because
// they all read the one `users` map (and `me` for the account itself).
import { describe, expect, it } from 'vitest';
import type { Action } from '../actions';
import { newAttachment } from '../attachments';
import { reducer } from '../reducer';
import { membersOf } from '../selectors';
import { initialState } from '../types';
import { BOB, ME, readyFrame, user } from './fixtures';

const run = (...actions: Action[]) => actions.reduce(reducer, initialState());
const ready: Action = { type: 'ready', frame: readyFrame(), cleared: {} };
const joined: Action = { type: 'room_joined', room: 'general', members: [ME, BOB], history: [] };

describe('user events and avatars', () => {
  it('a new avatar_url replaces the old one for members, DMs and profiles', () => {
    const bobWithPicture = { ...BOB, avatar_url: '/avatars/2-a.png' };
    const s = run(ready, joined, { type: 'open', key: '@2' }, { type: 'users', users: [bobWithPicture] });
    expect(s.users[BOB.id].avatar_url).toBe('/avatars/2-a.png');
    expect(membersOf(s, 'general').online.find((u) => u.id === BOB.id)?.avatar_url).toBe('/avatars/2-a.png');
    const changed = reducer(s, { type: 'users', users: [{ ...BOB, avatar_url: '/avatars/2-b.png' }] });
    expect(changed.users[BOB.id].avatar_url).toBe('/avatars/2-b.png');
  });

  it('a removed avatar goes back to null (initials)', () => {
    const s = run(ready, { type: 'users', users: [{ ...BOB, avatar_url: '/avatars/2-a.png' }] }, { type: 'users', users: [BOB] });
    expect(s.users[BOB.id].avatar_url).toBeNull();
  });

  it('updates the account itself (header, profile editor) and keeps it online', () => {
    const s = run(ready, { type: 'users', users: [{ ...ME, avatar_url: '/avatars/1-x.webp', online: false }] });
    expect(s.me?.avatar_url).toBe('/avatars/1-x.webp');
    expect(s.me?.online).toBe(true);
    expect(s.users[ME.id].avatar_url).toBe('/avatars/1-x.webp');
  });

  it('a presence change keeps the picture it carries', () => {
    const carol = user(3, 'carol', { avatar_url: '/avatars/3-c.gif' });
    const s = run(ready, { type: 'presence', user: carol, online: false });
    expect(s.users[3]).toMatchObject({ avatar_url: '/avatars/3-c.gif', online: false });
  });
});

describe('attachments in the state', () => {
  const file = { name: 'a.txt', size: 3, type: 'text/plain' };

  it('are kept per conversation and dropped when empty', () => {
    let s = run(ready, { type: 'attachments', key: '#general', action: { type: 'add', items: [newAttachment('x', file)] } });
    expect(s.attachments['#general']).toHaveLength(1);
    expect(s.attachments['#dev']).toBeUndefined();
    s = reducer(s, { type: 'attachments', key: '#general', action: { type: 'remove', localId: 'x' } });
    expect(s.attachments).toEqual({});
  });

  it('a pending message remembers its files', () => {
    const served = { id: 9, name: 'a.txt', size: 3, content_type: 'text/plain', url: '/api/v1/files/9/a.txt' };
    const s = run(ready, { type: 'pending_add', key: '#general', tempId: 't', text: '', ts: 1, files: [served] });
    expect(s.convs['#general'].pending[0].files).toEqual([served]);
  });
});
