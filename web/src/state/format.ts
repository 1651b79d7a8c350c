// Display helpers: pure functions of their arguments (time zone from the runtime).
import type { User } from '../api/types';

export const AVATAR_COLOURS = 8;

export function displayName(user: User | undefined): string {
  if (!user) return 'Unknown user';
  return user.display_name.trim() || user.username;
}

/** Up to two letters: the first letters of the first two words of the display name. */
export function initials(name: string): string {
  const words = name.trim().split(/[\s._-]+/u).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => [...w][0] ?? '');
  const result = letters.join('').toUpperCase();
  return result || '?';
}

/** A stable colour slot for a user, so the same person keeps the same avatar colour. */
export const avatarColour = (userId: number): number => Math.abs(userId) % AVATAR_COLOURS;

export function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

export function formatTime(ts: number): string {
  return new Date(ts).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function formatDateTime(ts: number): string {
  return new Date(ts).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
}

/** "Today", "Yesterday", or a date such as "Monday 6 January 2025". */
export function dayLabel(ts: number, now: number): string {
  if (sameDay(ts, now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (sameDay(ts, yesterday.getTime())) return 'Yesterday';
  const date = new Date(ts);
  const withYear = date.getFullYear() !== new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
  });
}

/** "Bob is typing…", "Bob and Carol are typing…", "Several people are typing…". */
export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

export const fullName = (user: User): string => [user.first_name, user.last_name].filter(Boolean).join(' ');
