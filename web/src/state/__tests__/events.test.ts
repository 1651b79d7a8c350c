import { describe, expect, it } from 'vitest';
import { eventOutcome } from '../events';

describe('eventOutcome', () => {
  it('names the people an event mentions, so unknown ones can be fetched', () => {
    const invited = eventOutcome({ type: 'invited', room: 'dev', by: 3, user_id: 4 }, 10);
    expect(invited.people).toEqual([3, 4]);
    expect(invited.actions).toEqual([{ type: 'invited', room: 'dev', by: 3, userId: 4, now: 10 }]);
    expect(eventOutcome({ type: 'typing', room: 'dev', user_id: 2 }, 10).people).toEqual([]);
  });

  it('a kick leaves the room, alerts, and forgets the member list of this connection', () => {
    const kicked = eventOutcome({ type: 'kicked', room: 'dev', by: 1, reason: 'spam' }, 10);
    expect(kicked.leftRoom).toBe('dev');
    expect(kicked.actions.map((a) => a.type)).toEqual(['room_left', 'alert']);
    expect(kicked.people).toEqual([1]);
  });

  it('a ban only remembers why, for the close that follows', () => {
    const banned = eventOutcome({ type: 'banned', reason: 'Banned' }, 10);
    expect(banned).toEqual({ actions: [], people: [], banReason: 'Banned' });
  });
});
