// One WebSocket connection to /api/v1/ws (docs/protocol.md section 4): signs in with the
// first frame, matches answers to commands by id, and hands events over. Reconnecting is
// the caller's job: this object lives for one connection only.
import { ApiError, type Command, type ReadyFrame, type ServerEvent } from './types';

export interface SocketHandlers {
  ready(frame: ReadyFrame): void;
  event(event: ServerEvent): void;
  /** Called once, whichever side closed. `error` is the error frame that came before, if any. */
  closed(code: number, error: ApiError | null): void;
}

export const socketUrl = (loc: Location = window.location): string =>
  `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/v1/ws`;

/** Codes this client uses when it gives up on a connection itself. */
export const CLIENT_TIMEOUT = 4000;

interface Waiter {
  resolve(answer: Record<string, unknown>): void;
  reject(error: ApiError): void;
  timer: ReturnType<typeof setTimeout>;
}

export class Socket {
  private readonly ws: WebSocket;
  private readonly waiters = new Map<number, Waiter>();
  private nextId = 1;
  private lastError: ApiError | null = null;
  private done = false;
  private readyTimer: ReturnType<typeof setTimeout>;

  constructor(
    url: string,
    token: string,
    private readonly handlers: SocketHandlers,
    private readonly timeoutMs = 15000,
  ) {
    this.ws = new WebSocket(url);
    this.ws.onopen = () => this.ws.send(JSON.stringify({ type: 'auth', token }));
    this.ws.onmessage = (e) => this.onFrame(e.data);
    this.ws.onclose = (e) => this.finish(e.code);
    this.ws.onerror = () => {
      /* onclose follows with the code */
    };
    this.readyTimer = setTimeout(() => this.close(CLIENT_TIMEOUT, 'no answer'), timeoutMs);
  }

  /** Sends a command and resolves with the fields of its `ok` answer. */
  request<T = Record<string, unknown>>(command: Command): Promise<T> {
    if (this.done || this.ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new ApiError('disconnected', 'You are offline. Wait for the connection to return.'));
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new ApiError('timeout', 'The server did not answer in time.'));
      }, this.timeoutMs);
      this.waiters.set(id, { resolve: resolve as Waiter['resolve'], reject, timer });
      this.ws.send(JSON.stringify({ ...command, id }));
    });
  }

  close(code = 1000, reason = ''): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
    }
    this.finish(code);
  }

  private onFrame(data: unknown): void {
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return;
    }
    const id = typeof frame.id === 'number' ? frame.id : null;
    const waiter = id === null ? undefined : this.waiters.get(id);
    if (frame.type === 'ready') {
      clearTimeout(this.readyTimer);
      this.handlers.ready(frame as unknown as ReadyFrame);
    } else if (waiter && (frame.type === 'ok' || frame.type === 'error')) {
      this.waiters.delete(id as number);
      clearTimeout(waiter.timer);
      if (frame.type === 'ok') waiter.resolve(frame);
      else waiter.reject(new ApiError(String(frame.code), String(frame.message)));
    } else if (frame.type === 'error') {
      this.lastError = new ApiError(String(frame.code), String(frame.message));
    } else if (frame.type !== 'ok') {
      this.handlers.event(frame as unknown as ServerEvent);
    }
  }

  private finish(code: number): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.readyTimer);
    for (const waiter of this.waiters.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(new ApiError('disconnected', 'The connection was lost before the server answered.'));
    }
    this.waiters.clear();
    this.handlers.closed(code, this.lastError);
  }
}
