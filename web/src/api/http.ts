// The HTTP half of the protocol (docs/protocol.md section 3). The token is sent only
// in the Authorization header, never in a URL.
import { ApiError, type RoomListing, type User, type UserId } from './types';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function call<T>(method: Method, path: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network', 'The server cannot be reached. Check your connection.');
  }
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error;
    throw new ApiError(
      error?.code ?? 'internal',
      error?.message ?? `The server answered ${response.status}.`,
      response.status,
    );
  }
  return data as T;
}

export interface Session {
  token: string;
  user: User;
}

export interface Credentials {
  username: string;
  password: string;
}

export const http = {
  register: (c: Credentials) => call<Session>('POST', '/api/v1/register', null, c),
  login: (c: Credentials) => call<Session>('POST', '/api/v1/login', null, c),
  logout: (token: string) => call<void>('POST', '/api/v1/logout', token),
  me: (token: string) => call<{ user: User }>('GET', '/api/v1/me', token),
  updateMe: (token: string, fields: Partial<Pick<User, 'display_name' | 'first_name' | 'last_name'>>) =>
    call<{ user: User }>('PATCH', '/api/v1/me', token, fields),
  changePassword: (token: string, old_password: string, new_password: string) =>
    call<void>('POST', '/api/v1/me/password', token, { old_password, new_password }),
  deleteAccount: (token: string, password: string) =>
    call<void>('DELETE', '/api/v1/me', token, { password }),
  user: (token: string, id: UserId) => call<{ user: User }>('GET', `/api/v1/users/${id}`, token),
  /** Sets the `parley_session` cookie that lets `<img src>` and download links through. */
  sessionCookie: (token: string) => call<void>('POST', '/api/v1/me/cookie', token),
  /** 200 `{user}` or 204, depending on the server. */
  deleteAvatar: (token: string) => call<{ user: User } | undefined>('DELETE', '/api/v1/me/avatar', token),
  users: (token: string) => call<{ users: User[] }>('GET', '/api/v1/users', token),
  rooms: (token: string) => call<{ rooms: RoomListing[] }>('GET', '/api/v1/rooms', token),
};
