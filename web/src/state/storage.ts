// What this device remembers: the session token and the "Clear messages" markers.
import type { MessageId, UserId } from '../api/types';
import type { ConvKey } from './keys';

const TOKEN_KEY = 'parley.token';
const clearedKey = (userId: UserId) => `parley.cleared.${userId}`;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Reads a stored marker map, dropping anything that is not a conversation key and an id. */
export function parseCleared(raw: string | null): Record<ConvKey, MessageId> {
  if (!raw) return {};
  try {
    const data: unknown = JSON.parse(raw);
    if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
    const out: Record<ConvKey, MessageId> = {};
    for (const [key, value] of Object.entries(data)) {
      if (/^[#@]./.test(key) && Number.isInteger(value) && (value as number) >= 0) out[key] = value as number;
    }
    return out;
  } catch {
    return {};
  }
}

export class DeviceStore {
  constructor(private readonly store: KeyValueStore | null) {}

  token(): string | null {
    return this.safe(() => this.store?.getItem(TOKEN_KEY) ?? null, null);
  }

  setToken(token: string | null): void {
    this.safe(() => (token ? this.store?.setItem(TOKEN_KEY, token) : this.store?.removeItem(TOKEN_KEY)), undefined);
  }

  cleared(userId: UserId): Record<ConvKey, MessageId> {
    return parseCleared(this.safe(() => this.store?.getItem(clearedKey(userId)) ?? null, null));
  }

  setCleared(userId: UserId, markers: Record<ConvKey, MessageId>): void {
    this.safe(() => this.store?.setItem(clearedKey(userId), JSON.stringify(markers)), undefined);
  }

  forget(userId: UserId): void {
    this.safe(() => this.store?.removeItem(clearedKey(userId)), undefined);
  }

  // Storage can throw (private mode, quota); the app keeps working without it.
  private safe<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch {
      return fallback;
    }
  }
}
