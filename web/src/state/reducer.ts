// The whole client state changes only here, as a pure function of (state, action).
import type { Message, User, UserId } from '../api/types';
import type { Action } from './actions';
import { attachmentsReducer } from './attachments';
import { dmKey, keyOfMessage, parseKey, roomKey, type ConvKey } from './keys';
import { lastId, mergeMessages } from './messages';
import { roomChanges, withRole } from './rooms';
import { emptyConv, TYPING_MS, type AppState, type ConvState, type Notice, type NoticeBody } from './types';

export function reducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'screen':
      return { ...state, screen: action.screen, screenNote: action.note ?? null };
    case 'ready': {
      const offline = mapValues(state.users, (u) => (u.online ? { ...u, online: false } : u));
      const users = upsert(offline, [...action.frame.online, action.frame.user]);
      const rooms = sortedUnique(action.frame.rooms);
      const fallback = rooms.includes('general') ? 'general' : rooms[0];
      const active = state.active ?? (fallback ? roomKey(fallback) : null);
      return {
        ...state,
        me: action.frame.user,
        users,
        rooms,
        blocked: [...action.frame.blocked],
        cleared: { ...action.cleared },
        active,
        typing: {},
        connection: 'online',
        retryAt: null,
      };
    }
    case 'conversations': {
      const ids = action.list.map((c) => c.user.id);
      const dms = [...ids, ...state.dms.filter((id) => !ids.includes(id))];
      return { ...state, dms, users: upsert(state.users, action.list.map((c) => c.user)) };
    }
    case 'users':
      return withUsers(state, action.users);
    case 'presence':
      return withUsers(state, [{ ...action.user, online: action.online }]);
    case 'room_joined': {
      const key = roomKey(action.room);
      const next = withUsers(state, action.members);
      return updateConv(
        {
          ...next,
          rooms: sortedUnique([...state.rooms, action.room]),
          members: { ...state.members, [action.room]: action.members.map((u) => u.id) },
          roomInfo: action.info ? { ...state.roomInfo, [action.room]: action.info } : state.roomInfo,
          roles: action.roles ? { ...state.roles, [action.room]: { ...action.roles } } : state.roles,
          invites: state.invites.filter((i) => i.room !== action.room),
        },
        key,
        (conv) => ({
          ...conv,
          messages: mergeMessages(conv.messages, action.history),
          loaded: true,
          atStart: conv.atStart || action.history.length < 50,
        }),
      );
    }
    case 'room_left':
      return leaveRoom(state, action.room);
    case 'room_changed': {
      const name = action.room.name;
      const changes = roomChanges(state.roomInfo[name], action.room);
      let next: AppState = { ...state, roomInfo: { ...state.roomInfo, [name]: action.room } };
      for (const change of changes) next = addNotice(next, name, { kind: 'room', by: action.by, change }, action.now);
      return next;
    }
    case 'room_role': {
      const before = state.roles[action.room]?.[action.userId] ?? 'member';
      if (before === action.role) return state;
      const roles = { ...state.roles, [action.room]: withRole(state.roles[action.room], action.userId, action.role) };
      const body: NoticeBody = { kind: 'role', by: action.by, userId: action.userId, role: action.role };
      return addNotice({ ...state, roles }, action.room, body, action.now);
    }
    case 'invited': {
      if (action.userId === state.me?.id) {
        if (state.rooms.includes(action.room)) return state;
        const invites = [...state.invites.filter((i) => i.room !== action.room), { room: action.room, by: action.by, ts: action.now }];
        return { ...state, invites };
      }
      return addNotice(state, action.room, { kind: 'invited', byId: action.by, userId: action.userId }, action.now);
    }
    case 'invite_dismiss':
      return { ...state, invites: state.invites.filter((i) => i.room !== action.room) };
    case 'member_joined': {
      const next = withUsers(state, [action.user]);
      if (action.user.id === state.me?.id) {
        return { ...next, rooms: sortedUnique([...state.rooms, action.room]) };
      }
      const known = state.members[action.room];
      const members =
        known && !known.includes(action.user.id)
          ? { ...state.members, [action.room]: [...known, action.user.id] }
          : state.members;
      return addNotice({ ...next, members }, action.room, { kind: 'joined', userId: action.user.id }, action.now);
    }
    case 'member_left': {
      if (action.userId === state.me?.id) return leaveRoom(state, action.room);
      const known = state.members[action.room];
      const members = known
        ? { ...state.members, [action.room]: known.filter((id) => id !== action.userId) }
        : state.members;
      const kind = action.reason === 'kicked' ? 'kicked' : 'left';
      const next = stopTyping({ ...state, members }, roomKey(action.room), action.userId);
      return addNotice(next, action.room, { kind, userId: action.userId }, action.now);
    }
    case 'message':
      return receive(state, [action.message], true);
    case 'history': {
      const { key, messages, kind, limit } = action;
      const next = kind === 'after' ? receive(state, messages, true, key) : state;
      return updateConv(next, key, (conv) => ({
        ...conv,
        messages: kind === 'after' ? conv.messages : mergeMessages(conv.messages, messages),
        loaded: conv.loaded || kind === 'latest',
        atStart: conv.atStart || (kind !== 'after' && messages.length < limit),
        loadingOlder: kind === 'older' ? false : conv.loadingOlder,
      }));
    }
    case 'loading_older':
      return updateConv(state, action.key, (conv) => ({ ...conv, loadingOlder: action.value }));
    case 'open': {
      const target = parseKey(action.key);
      if (!target) return state;
      const dms =
        target.kind === 'dm' && !state.dms.includes(target.userId)
          ? [target.userId, ...state.dms]
          : state.dms;
      const next = { ...state, active: action.key, dms, unread: { ...state.unread, [action.key]: 0 } };
      return updateConv(next, action.key, (conv) => conv);
    }
    case 'typing': {
      if (action.userId === state.me?.id || state.blocked.includes(action.userId)) return state;
      const key = roomKey(action.room);
      const who = { ...state.typing[key], [action.userId]: action.now + TYPING_MS };
      return { ...state, typing: { ...state.typing, [key]: who } };
    }
    case 'tick':
      return pruneTyping(state, action.now);
    case 'block': {
      if (state.blocked.includes(action.userId)) return state;
      let next = { ...state, blocked: [...state.blocked, action.userId] };
      for (const key of Object.keys(state.typing)) next = stopTyping(next, key, action.userId);
      return next;
    }
    case 'unblock': {
      if (!state.blocked.includes(action.userId)) return state;
      // The server now includes the user's older messages: refetch from scratch.
      const convs = mapValues(state.convs, (conv) => ({ ...emptyConv(), pending: conv.pending }));
      return { ...state, blocked: state.blocked.filter((id) => id !== action.userId), convs };
    }
    case 'clear': {
      const conv = state.convs[action.key] ?? emptyConv();
      const marker = Math.max(state.cleared[action.key] ?? 0, lastId(conv.messages));
      const next = { ...state, cleared: { ...state.cleared, [action.key]: marker } };
      return updateConv(next, action.key, (c) => ({ ...c, notices: [] }));
    }
    case 'connection':
      return { ...state, connection: action.connection, retryAt: action.retryAt ?? null };
    case 'alert':
      return { ...state, alert: action.alert };
    case 'pending_add':
      return updateConv(state, action.key, (conv) => ({
        ...conv,
        pending: [...conv.pending, { tempId: action.tempId, text: action.text, ts: action.ts, files: action.files ?? [] }],
      }));
    case 'attachments': {
      const before = state.attachments[action.key] ?? [];
      const after = attachmentsReducer(before, action.action);
      if (after === before) return state;
      const { [action.key]: _old, ...rest } = state.attachments;
      return { ...state, attachments: after.length ? { ...rest, [action.key]: after } : rest };
    }
    case 'pending_done': {
      const next = action.message ? receive(state, [action.message], false) : state;
      return updateConv(next, action.key, (conv) => ({
        ...conv,
        pending: conv.pending.filter((p) => p.tempId !== action.tempId),
      }));
    }
  }
}

/** Adds messages to their conversations; when `count`, new ones from others are unread. */
function receive(state: AppState, messages: Message[], count: boolean, only?: ConvKey): AppState {
  const me = state.me?.id;
  if (me === undefined) return state;
  let next = state;
  for (const message of messages) {
    const key = only ?? keyOfMessage(message, me);
    const known = next.convs[key]?.messages.some((m) => m.id === message.id) ?? false;
    next = updateConv(next, key, (c) => ({ ...c, messages: mergeMessages(c.messages, [message]) }));
    const fromOther = message.from !== me && !next.blocked.includes(message.from);
    if (count && !known && fromOther && key !== next.active) {
      next = { ...next, unread: { ...next.unread, [key]: (next.unread[key] ?? 0) + 1 } };
    }
    next = stopTyping(next, key, message.from);
    if (message.room === null) next = moveDmToTop(next, message.from === me ? (message.to ?? me) : message.from);
  }
  return next;
}

function moveDmToTop(state: AppState, userId: UserId): AppState {
  if (state.dms[0] === userId) return state;
  return { ...state, dms: [userId, ...state.dms.filter((id) => id !== userId)] };
}

function leaveRoom(state: AppState, room: string): AppState {
  const key = roomKey(room);
  const rooms = state.rooms.filter((r) => r !== room);
  const { [room]: _gone, ...members } = state.members;
  const { [key]: _typing, ...typing } = state.typing;
  let active = state.active;
  if (active === key) {
    const fallback = rooms.includes('general') ? 'general' : rooms[0];
    active = fallback ? roomKey(fallback) : state.dms[0] ? dmKey(state.dms[0]) : null;
  }
  return { ...state, rooms, members, typing, active };
}

function addNotice(state: AppState, room: string, body: NoticeBody, now: number) {
  const key = roomKey(room);
  const conv = state.convs[key];
  // Only a loaded list knows where "now" is; elsewhere the notice would land in old history.
  if (!conv?.loaded) return state;
  const notice: Notice = { seq: state.noticeSeq + 1, afterId: lastId(conv.messages), ts: now, ...body };
  return updateConv({ ...state, noticeSeq: notice.seq }, key, (c) => ({
    ...c,
    notices: [...c.notices, notice],
  }));
}

function stopTyping(state: AppState, key: ConvKey, userId: UserId): AppState {
  const who = state.typing[key];
  if (!who || !(userId in who)) return state;
  const { [userId]: _gone, ...rest } = who;
  return { ...state, typing: { ...state.typing, [key]: rest } };
}

function pruneTyping(state: AppState, now: number): AppState {
  let changed = false;
  const typing: AppState['typing'] = {};
  for (const [key, who] of Object.entries(state.typing)) {
    const kept: Record<UserId, number> = {};
    for (const [id, until] of Object.entries(who)) {
      if (until > now) kept[Number(id)] = until;
      else changed = true;
    }
    typing[key] = kept;
  }
  return changed ? { ...state, typing } : state;
}

function updateConv(state: AppState, key: ConvKey, fn: (conv: ConvState) => ConvState): AppState {
  const before = state.convs[key] ?? emptyConv();
  const after = fn(before);
  if (after === state.convs[key]) return state;
  return { ...state, convs: { ...state.convs, [key]: after } };
}

function withUsers(state: AppState, users: User[]): AppState {
  const me = state.me && users.find((u) => u.id === state.me?.id);
  return { ...state, users: upsert(state.users, users), me: me ? { ...me, online: true } : state.me };
}

function upsert(map: Record<UserId, User>, users: User[]): Record<UserId, User> {
  if (users.length === 0) return map;
  const next = { ...map };
  for (const u of users) next[u.id] = u;
  return next;
}

function mapValues<V>(map: Record<string | number, V>, fn: (v: V) => V): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(map)) out[k] = fn(v);
  return out;
}

const sortedUnique = (list: string[]) => [...new Set(list)].sort();
