// Reconnection delays: 1 s, 2 s, 4 s ... up to 30 s, each shortened by up to half at
// random so that many clients dropped together don't come back together.
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 30000;

export function backoffDelay(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + 0.5 * Math.min(Math.max(random, 0), 1)));
}

/** Typing notices are sent at most this often while the user keeps typing. */
export const TYPING_SEND_MS = 3000;

export const shouldSendTyping = (lastSent: number, now: number): boolean => now - lastSent >= TYPING_SEND_MS;
