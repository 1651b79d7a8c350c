// What a server event means for the client: the store actions it causes, the
// people it names (so unknown ones can be fetched), and the connection state it
// changes. Pure, so the mapping is tested without a socket.
import type { ServerEvent, UserId } from '../api/types';
import type { Action } from './actions';

export interface EventOutcome {
  actions: Action[];
  /** Users the event names; the client fetches those it doesn't know yet. */
  people: UserId[];
  /** A room this connection is no longer in (its member list must be fetched again). */
  leftRoom?: string;
  /** Why the server is about to close the connection for a ban. */
  banReason?: string;
}

export function eventOutcome(event: ServerEvent, now: number): EventOutcome {
  switch (event.type) {
    case 'message':
      return { actions: [{ type: 'message', message: event.message }], people: [event.message.from] };
    case 'joined':
      return { actions: [{ type: 'member_joined', room: event.room, user: event.user, now }], people: [] };
    case 'left':
      return {
        actions: [{ type: 'member_left', room: event.room, userId: event.user_id, reason: event.reason, now }],
        people: [],
      };
    case 'typing':
      return { actions: [{ type: 'typing', room: event.room, userId: event.user_id, now }], people: [] };
    case 'presence':
      return { actions: [{ type: 'presence', user: event.user, online: event.online }], people: [] };
    case 'user':
      return { actions: [{ type: 'users', users: [event.user] }], people: [] };
    case 'kicked':
      return {
        actions: [
          { type: 'room_left', room: event.room },
          {
            type: 'alert',
            alert: { kind: 'kicked', room: event.room, by: event.by, reason: event.reason, banned: !!event.banned },
          },
        ],
        people: [event.by],
        leftRoom: event.room,
      };
    case 'banned':
      return { actions: [], people: [], banReason: event.reason };
    case 'room':
      return { actions: [{ type: 'room_changed', room: event.room, by: event.by, now }], people: [] };
    case 'room_role':
      return {
        actions: [{ type: 'room_role', room: event.room, userId: event.user_id, role: event.role, by: event.by, now }],
        people: [event.user_id],
      };
    case 'invited':
      return {
        actions: [{ type: 'invited', room: event.room, by: event.by, userId: event.user_id, now }],
        people: [event.by, event.user_id],
      };
  }
}
