// Checks made before anything is sent, with the protocol's rules (docs/protocol.md,
// "Validation limits"). Each returns a sentence for the person, or null when fine.

const USERNAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ROOM = /^[a-z0-9][a-z0-9_-]*$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

export const byteLength = (text: string): number => new TextEncoder().encode(text).length;

export function checkUsername(name: string): string | null {
  if (name.length === 0) return 'Enter a username.';
  if (name.length < 3 || name.length > 32) return 'Usernames have 3 to 32 characters.';
  if (!USERNAME.test(name)) {
    return 'Use a letter first, then letters, digits, “_” or “-” (no spaces).';
  }
  return null;
}

export function checkPassword(password: string): string | null {
  if (password.length === 0) return 'Enter a password.';
  const bytes = byteLength(password);
  if (bytes < 8) return 'Passwords have at least 8 characters.';
  if (bytes > 1024) return 'Passwords have at most 1024 bytes.';
  return null;
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function checkSignUp(f: { username: string; password: string; confirm: string }) {
  const errors: FieldErrors<'username' | 'password' | 'confirm'> = {};
  const u = checkUsername(f.username);
  if (u) errors.username = u;
  const p = checkPassword(f.password);
  if (p) errors.password = p;
  if (f.confirm.length === 0) errors.confirm = 'Enter the password again.';
  else if (f.confirm !== f.password) errors.confirm = 'The passwords don’t match.';
  return errors;
}

export function checkSignIn(f: { username: string; password: string }) {
  const errors: FieldErrors<'username' | 'password'> = {};
  if (f.username.trim().length === 0) errors.username = 'Enter your username.';
  if (f.password.length === 0) errors.password = 'Enter your password.';
  return errors;
}

/** Accepts "#Dev" as "dev"; returns the name to join or an error sentence. */
export function normaliseRoomName(input: string): { room: string } | { error: string } {
  const room = input.trim().replace(/^#/, '').toLowerCase();
  if (room.length === 0) return { error: 'Enter a room name.' };
  if (room.length > 50) return { error: 'Room names have at most 50 characters.' };
  if (!ROOM.test(room)) {
    return { error: 'Use lowercase letters, digits, “_” or “-”, starting with a letter or digit.' };
  }
  return { room };
}

export function checkNameField(label: string, value: string): string | null {
  if (value.trim().length === 0) return `${label} can’t be empty.`;
  if ([...value].length > 100) return `${label} has at most 100 characters.`;
  if (CONTROL.test(value)) return `${label} can’t contain control characters.`;
  return null;
}

/** The protocol refuses text that is empty or only white space, or over 4000 characters. */
export function checkMessageText(text: string): string | null {
  if (text.replace(/[\s\u00a0\u2000-\u2003\u2009\u200b\u3000\ufeff]/gu, '').length === 0) return '';
  if ([...text].length > 4000) return 'Messages have at most 4000 characters.';
  return null;
}
