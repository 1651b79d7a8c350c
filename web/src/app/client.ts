// The client's controller: owns the token and the WebSocket, turns server frames into
// store actions, reconnects with backoff and catches up on what was missed.
import { http } from '../api/http';
import { Socket, socketUrl } from '../api/socket';
import { upload, type RunningUpload } from '../api/upload';
import {
  ApiError,
  type Command,
  type Conversation,
  type JoinAnswer,
  type Message,
  type RoomRole,
  type RoomSettings,
  type ReadyFrame,
  type ServerEvent,
  type User,
  type UserId,
} from '../api/types';
import { readyFiles } from '../state/attachments';
import { backoffDelay, shouldSendTyping } from '../state/backoff';
import { fetchAfter, historyCommand } from '../state/catchup';
import { dmKey, parseKey, roomKey, type ConvKey } from '../state/keys';
import { firstId, lastId } from '../state/messages';
import { eventOutcome } from '../state/events';
import { canLoadOlder, convOf, unknownSenders } from '../state/selectors';
import { DeviceStore } from '../state/storage';
import { Store } from '../state/store';
import { AttachmentUploads } from './attachments';

const PAGE = 50;
const SESSION_ENDED = 'Your session has ended. Sign in again.';

export class Client {
  readonly store = new Store();
  private socket: Socket | null = null;
  private token: string | null = null;
  private attempt = 0;
  private connections = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private banReason: string | null = null;
  /** Rooms whose member list was fetched (by `join`) on the current connection. */
  private joined = new Set<string>();
  private loading = new Set<ConvKey>();
  private typingSent = new Map<string, number>();
  private fetchingUsers = new Set<UserId>();
  /** Files attached to the messages being written. */
  readonly attachments = new AttachmentUploads(
    this.store,
    () => this.token,
    () => this.signOut(SESSION_ENDED),
  );

  constructor(
    readonly device: DeviceStore,
    private readonly now: () => number = () => Date.now(),
  ) {
    setInterval(() => this.store.dispatch({ type: 'tick', now: this.now() }), 1000);
  }

  start(): void {
    this.token = this.device.token();
    if (!this.token) return;
    // A session restored from storage has no cookie yet: ask for one before the first
    // pictures load. An older server answers 404, which changes nothing.
    const cookie = http.sessionCookie(this.token).catch(() => undefined);
    this.enterChat(cookie);
  }

  async signIn(mode: 'login' | 'register', username: string, password: string): Promise<void> {
    const session = await (mode === 'login' ? http.login : http.register)({ username, password });
    this.device.setToken(session.token);
    this.token = session.token;
    this.enterChat();
  }

  /** Requires the token; an expired one sends the user back to the sign-in screen. */
  authToken(): string {
    if (!this.token) throw new ApiError('unauthorized', SESSION_ENDED);
    return this.token;
  }

  async logOut(): Promise<void> {
    const token = this.token;
    this.signOut(null);
    if (token) await http.logout(token).catch(() => undefined);
  }

  /** Forgets the session on this device and shows the sign-in screen with `note`. */
  signOut(note: string | null): void {
    this.stopSocket();
    this.attachments.cancelAll();
    this.device.setToken(null);
    this.token = null;
    this.store.reset();
    this.store.dispatch({ type: 'screen', screen: 'auth', note });
  }

  retryNow(): void {
    if (this.token && !this.socket) this.connect();
  }

  // ---- connection ------------------------------------------------------------------

  private enterChat(first: Promise<unknown> = Promise.resolve()): void {
    this.store.reset();
    this.store.dispatch({ type: 'screen', screen: 'chat' });
    this.connections = 0;
    this.attempt = 0;
    const token = this.token;
    void first.then(() => {
      if (this.token === token && !this.socket) this.connect();
    });
  }

  private connect(): void {
    if (!this.token) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.joined.clear();
    this.loading.clear();
    this.store.dispatch({ type: 'connection', connection: 'connecting' });
    const socket = new Socket(socketUrl(), this.token, {
      ready: (frame) => void this.onReady(socket, frame),
      event: (event) => this.onEvent(event),
      closed: (code, error) => this.onClosed(socket, code, error),
    });
    this.socket = socket;
  }

  private stopSocket(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'bye');
  }

  private onClosed(socket: Socket, code: number, error: ApiError | null): void {
    if (this.socket !== socket) return;
    this.socket = null;
    if (code === 4001) return this.signOut(SESSION_ENDED);
    if (code === 4003 || error?.code === 'banned') {
      const reason = this.banReason ?? error?.message ?? 'You are banned.';
      this.signOut(null);
      this.store.dispatch({ type: 'screen', screen: 'banned', note: reason });
      return;
    }
    const delay = backoffDelay(this.attempt++, Math.random());
    this.store.dispatch({ type: 'connection', connection: 'offline', retryAt: this.now() + delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private async onReady(socket: Socket, frame: ReadyFrame): Promise<void> {
    const before = this.store.get();
    const reconnect = this.connections++ > 0;
    this.attempt = 0;
    this.store.dispatch({ type: 'ready', frame, cleared: this.device.cleared(frame.user.id) });
    void this.request<{ conversations: Conversation[] }>({ type: 'conversations' }, socket)
      .then((answer) => this.store.dispatch({ type: 'conversations', list: answer.conversations ?? [] }))
      .catch(() => undefined);
    if (reconnect) await this.catchUp(socket, before.convs);
    const state = this.store.get();
    if (state.rooms.length === 0 && !reconnect) return this.joinRoom('general').catch(() => undefined);
    if (state.active) await this.load(state.active);
  }

  private async catchUp(socket: Socket, convs: Record<ConvKey, { messages: Message[] }>): Promise<void> {
    const tasks = Object.entries(convs)
      .filter(([, conv]) => conv.messages.length > 0)
      .map(([key, conv]) => {
        const target = parseKey(key);
        if (!target) return Promise.resolve();
        const request = (command: Command) =>
          this.request<{ messages: Message[] }>(command, socket).then((a) => a.messages);
        return fetchAfter(request, target, lastId(conv.messages), (messages) =>
          this.store.dispatch({ type: 'history', key, messages, kind: 'after', limit: PAGE }),
        ).catch(() => undefined);
      });
    await Promise.all(tasks);
  }

  private onEvent(event: ServerEvent): void {
    const outcome = eventOutcome(event, this.now());
    if (outcome.leftRoom) this.joined.delete(outcome.leftRoom);
    if (outcome.banReason !== undefined) this.banReason = outcome.banReason;
    for (const action of outcome.actions) this.store.dispatch(action);
    const users = this.store.get().users;
    const unknown = outcome.people.filter((id) => !users[id]);
    if (unknown.length > 0) void this.fetchUsers(unknown);
  }

  private request<T>(command: Command, socket: Socket | null = this.socket): Promise<T> {
    if (!socket) {
      return Promise.reject(new ApiError('disconnected', 'You are offline. Wait for the connection to return.'));
    }
    return socket.request<T>(command);
  }

  // ---- conversations ---------------------------------------------------------------

  open(key: ConvKey): void {
    this.store.dispatch({ type: 'open', key });
    void this.load(key);
  }

  /** Fetches the newest page (and, for a room, its members) once per connection. */
  async load(key: ConvKey): Promise<void> {
    const target = parseKey(key);
    if (!target || this.loading.has(key)) return;
    const state = this.store.get();
    const needsJoin = target.kind === 'room' && state.rooms.includes(target.room) && !this.joined.has(target.room);
    if (!needsJoin && convOf(state, key).loaded) return;
    this.loading.add(key);
    try {
      if (target.kind === 'room' && needsJoin) {
        await this.joinRoom(target.room, false);
      } else {
        const answer = await this.request<{ messages: Message[] }>(historyCommand(target, { limit: PAGE }));
        this.store.dispatch({ type: 'history', key, messages: answer.messages, kind: 'latest', limit: PAGE });
      }
      await this.fetchUsers(unknownSenders(this.store.get(), key));
    } catch {
      // Offline or refused: the view shows what it has; the next connection retries.
    } finally {
      this.loading.delete(key);
    }
  }

  async loadOlder(key: ConvKey): Promise<void> {
    const state = this.store.get();
    const target = parseKey(key);
    if (!target || !canLoadOlder(state, key)) return;
    this.store.dispatch({ type: 'loading_older', key, value: true });
    const before = firstId(convOf(state, key).messages) || undefined;
    try {
      const answer = await this.request<{ messages: Message[] }>(historyCommand(target, { before, limit: PAGE }));
      this.store.dispatch({ type: 'history', key, messages: answer.messages, kind: 'older', limit: PAGE });
      await this.fetchUsers(unknownSenders(this.store.get(), key));
    } catch {
      this.store.dispatch({ type: 'loading_older', key, value: false });
    }
  }

  /** Joins (or creates) a room and opens it; `key` for a room that has one. */
  async joinRoom(room: string, open = true, key?: string): Promise<void> {
    const answer = await this.request<JoinAnswer>({ type: 'join', room, ...(key ? { key } : {}) });
    this.joined.add(room);
    this.store.dispatch({
      type: 'room_joined',
      room,
      members: answer.members,
      history: answer.history,
      info: answer.room,
      roles: answer.roles,
    });
    if (open) this.open(roomKey(room));
    await this.fetchUsers(unknownSenders(this.store.get(), roomKey(room)));
  }

  async leaveRoom(room: string): Promise<void> {
    await this.request({ type: 'leave', room });
    this.joined.delete(room);
    this.store.dispatch({ type: 'room_left', room });
    const active = this.store.get().active;
    if (active) void this.load(active);
  }

  /**
   * Sends a message with the conversation's uploaded attachments; on failure the text
   * comes back (thrown to the composer) and so do the attachments, so nothing is lost.
   */
  async send(key: ConvKey, text: string): Promise<void> {
    const target = parseKey(key);
    if (!target) return;
    const attached = this.attachments.take(key);
    const files = readyFiles(attached);
    const ids = files.map((f) => f.id);
    const tempId = `p${this.now()}-${Math.random().toString(36).slice(2, 8)}`;
    this.store.dispatch({ type: 'pending_add', key, tempId, text, ts: this.now(), files });
    this.typingSent.delete(key);
    const extra = ids.length ? { attachments: ids } : {};
    const command: Command =
      target.kind === 'room'
        ? { type: 'send', room: target.room, text, ...extra }
        : { type: 'send_dm', to: target.userId, text, ...extra };
    try {
      const answer = await this.request<{ message: Message }>(command);
      this.store.dispatch({ type: 'pending_done', key, tempId, message: answer.message });
      this.attachments.release(attached);
    } catch (error) {
      this.store.dispatch({ type: 'pending_done', key, tempId });
      this.attachments.restore(key, attached);
      throw error;
    }
  }

  typing(key: ConvKey): void {
    const target = parseKey(key);
    if (target?.kind !== 'room') return;
    const now = this.now();
    if (!shouldSendTyping(this.typingSent.get(key) ?? 0, now)) return;
    this.typingSent.set(key, now);
    this.request({ type: 'typing', room: target.room }).catch(() => undefined);
  }

  clear(key: ConvKey): void {
    this.store.dispatch({ type: 'clear', key });
    const state = this.store.get();
    if (state.me) this.device.setCleared(state.me.id, state.cleared);
  }

  messageUser(userId: UserId): void {
    this.open(dmKey(userId));
  }

  // ---- account (HTTP) --------------------------------------------------------------

  async updateProfile(fields: Pick<User, 'display_name' | 'first_name' | 'last_name'>): Promise<void> {
    const { user } = await http.updateMe(this.authToken(), fields);
    this.store.dispatch({ type: 'users', users: [user] });
  }

  /** Uploads a new profile picture; the caller shows progress and may cancel. */
  uploadAvatar(file: File, onProgress: (loaded: number, total: number) => void): RunningUpload<void> {
    const running = upload<{ user: User }>({
      method: 'PUT',
      url: '/api/v1/me/avatar',
      token: this.authToken(),
      body: file,
      contentType: file.type,
      onProgress,
    });
    return {
      cancel: running.cancel,
      done: running.done.then(({ user }) => this.store.dispatch({ type: 'users', users: [user] })),
    };
  }

  async removeAvatar(): Promise<void> {
    const answer = await http.deleteAvatar(this.authToken());
    const me = this.store.get().me;
    const user = answer?.user ?? (me ? { ...me, avatar_url: null } : null);
    if (user) this.store.dispatch({ type: 'users', users: [user] });
  }

  changePassword(oldPassword: string, newPassword: string): Promise<void> {
    return http.changePassword(this.authToken(), oldPassword, newPassword);
  }

  async deleteAccount(password: string): Promise<void> {
    const me = this.store.get().me;
    await http.deleteAccount(this.authToken(), password);
    if (me) this.device.forget(me.id);
    this.signOut('Your account has been deleted.');
  }

  async listUsers(): Promise<User[]> {
    const { users } = await http.users(this.authToken());
    return users;
  }

  listRooms() {
    return http.rooms(this.authToken());
  }

  // ---- people ----------------------------------------------------------------------

  async block(userId: UserId): Promise<void> {
    await this.request({ type: 'block', user_id: userId });
    this.store.dispatch({ type: 'block', userId });
  }

  async unblock(userId: UserId): Promise<void> {
    await this.request({ type: 'unblock', user_id: userId });
    this.store.dispatch({ type: 'unblock', userId });
    const active = this.store.get().active;
    if (active) {
      const target = parseKey(active);
      if (target?.kind === 'room') this.joined.delete(target.room);
      await this.load(active);
    }
  }

  // The connection that sends a command gets only its answer, not the events it causes:
  // apply the effects on this client's own view here.
  async kick(room: string, userId: UserId, reason: string): Promise<void> {
    await this.request({ type: 'kick', room, user_id: userId, ...(reason ? { reason } : {}) });
    this.store.dispatch({ type: 'member_left', room, userId, reason: 'kicked', now: this.now() });
  }

  async ban(userId: UserId, reason: string, room?: string): Promise<void> {
    await this.request({ type: 'ban', user_id: userId, ...(room ? { room } : {}), ...(reason ? { reason } : {}) });
    const state = this.store.get();
    if (room && state.members[room]?.includes(userId)) {
      this.store.dispatch({ type: 'member_left', room, userId, reason: 'kicked', now: this.now() });
    }
    const user = state.users[userId];
    if (!room && user) this.store.dispatch({ type: 'presence', user, online: false });
  }

  // ---- room settings and roles (their `room` / `room_role` events reach this connection too)

  setTopic(room: string, topic: string): Promise<void> {
    return this.request({ type: 'set_topic', room, topic });
  }

  setRoom(room: string, settings: RoomSettings): Promise<void> {
    return this.request({ type: 'set_room', room, ...settings });
  }

  setRole(room: string, userId: UserId, role: RoomRole): Promise<void> {
    return this.request({ type: 'set_role', room, user_id: userId, role });
  }

  /** Invites someone; the room's other members hear of it, this connection doesn't. */
  async invite(room: string, userId: UserId): Promise<void> {
    await this.request({ type: 'invite', room, user_id: userId });
    const me = this.store.get().me;
    if (me) this.store.dispatch({ type: 'invited', room, by: me.id, userId, now: this.now() });
  }

  /** The room's members, roles and, for its operators, its bans (without joining). */
  async roomDetails(room: string): Promise<JoinAnswer> {
    const answer = await this.request<JoinAnswer>({ type: 'members', room });
    this.store.dispatch({ type: 'users', users: [...answer.members, ...(answer.bans ?? [])] });
    return answer;
  }

  unban(userId: UserId, room?: string): Promise<void> {
    return this.request({ type: 'unban', user_id: userId, ...(room ? { room } : {}) });
  }

  /** Accepts an invitation: joining now passes the room's key and limit once. */
  async acceptInvite(room: string): Promise<void> {
    await this.joinRoom(room);
    this.store.dispatch({ type: 'invite_dismiss', room });
  }

  dismissInvite(room: string): void {
    this.store.dispatch({ type: 'invite_dismiss', room });
  }

  async fetchUsers(ids: UserId[]): Promise<void> {
    const token = this.token;
    const wanted = ids.filter((id) => !this.fetchingUsers.has(id));
    if (!token || wanted.length === 0) return;
    wanted.forEach((id) => this.fetchingUsers.add(id));
    const found = await Promise.all(
      wanted.map((id) =>
        http.user(token, id).then(
          (a) => a.user,
          (e: ApiError) => (e.code === 'not_found' ? deletedUser(id) : null),
        ),
      ),
    );
    const users = found.filter((u): u is User => u !== null);
    this.store.dispatch({ type: 'users', users });
  }
}

/** Stands in for an account that no longer exists, so its old messages still render. */
export const deletedUser = (id: UserId): User => ({
  id,
  username: 'deleted',
  display_name: 'Deleted user',
  first_name: '',
  last_name: '',
  avatar_url: null,
  role: 'member',
  online: false,
});
