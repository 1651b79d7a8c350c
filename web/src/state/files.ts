// Files and pictures: the server's limits, checked before anything is sent, and how a
// file is shown. A file name comes from whoever uploaded it: it is only ever text, with
// its invisible and direction-changing characters made visible or removed.

export const MiB = 1024 * 1024;
export const AVATAR_MAX_BYTES = 4 * MiB;
export const FILE_MAX_BYTES = 25 * MiB;
export const MAX_ATTACHMENTS = 10;
/** What the server accepts as a profile picture and serves inline in messages. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/** A file object of the protocol (`POST /api/v1/files`, `message.attachments`). */
export interface FileObject {
  id: number;
  name: string;
  size: number;
  content_type: string;
  url: string;
}

/** What the checks need of a browser `File`. */
export interface FileLike {
  name: string;
  size: number;
  type: string;
}

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** "0 bytes", "1 byte", "999 bytes", "1.5 KB", "25 MB" (units of 1024, as file managers do). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.97 KB rounds up to "1024 KB": say "1 MB" instead.
  if (rounded >= 1024 && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1]}`;
  return `${rounded} ${UNITS[unit]}`;
}

export function checkAvatarFile(file: FileLike): string | null {
  if (file.type && !(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return 'Choose a PNG, JPEG, WebP or GIF picture.';
  }
  if (file.size === 0) return 'That file is empty.';
  if (file.size > AVATAR_MAX_BYTES) {
    return `That picture is ${formatBytes(file.size)}; profile pictures can be at most 4 MB.`;
  }
  return null;
}

export function checkAttachmentFile(file: FileLike): string | null {
  if (file.size === 0) return `“${shortName(file.name, 40)}” is empty.`;
  if (file.size > FILE_MAX_BYTES) {
    return `“${shortName(file.name, 40)}” is ${formatBytes(file.size)}; files can be at most 25 MB.`;
  }
  return null;
}

export const isInlineImage = (contentType: string): boolean =>
  (IMAGE_TYPES as readonly string[]).includes(contentType.split(';')[0].trim().toLowerCase());

/**
 * A server-given URL usable in `src`/`href`: a path on this origin only. Anything else
 * (another origin, `javascript:`, `//host`) is refused rather than followed.
 */
export function sameOriginPath(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f\s]/u.test(url)) return null;
  return url;
}

// C0/C1 controls become the visible "control picture" or U+FFFD; bidi controls and other
// invisible formatting characters are dropped so a name can't reorder what follows it.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/gu;

/** The name as harmless, single-line text (full length: for tooltips and alt text). */
export function cleanFileName(name: string): string {
  const cleaned = name
    .replace(CONTROL, (c) => {
      const code = c.codePointAt(0) ?? 0;
      return code < 0x20 ? String.fromCodePoint(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
    })
    .replace(INVISIBLE, '')
    .trim();
  return cleaned || 'file';
}

/**
 * At most `max` characters (code points): a long name keeps its start and its extension,
 * with an ellipsis in between ("holiday-photos-from-the-…-2024.jpg").
 */
export function shortName(name: string, max = 60): string {
  const chars = [...cleanFileName(name)];
  if (chars.length <= max) return chars.join('');
  const dot = chars.lastIndexOf('.');
  const extension = dot > 0 && chars.length - dot <= 10 ? chars.slice(dot) : [];
  const tail = Math.min(extension.length + 6, Math.floor((max - 1) / 2));
  const head = max - 1 - tail;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/**
 * A shortened name split in two for display: the head may be cut further by the layout
 * (with an ellipsis), the tail (the end of the name with its extension) always shows.
 */
export function nameParts(name: string, max = 60): { head: string; tail: string } {
  const chars = [...shortName(name, max)];
  const dot = chars.lastIndexOf('.');
  const extension = dot > 0 && chars.length - dot <= 10 ? chars.length - dot : 0;
  const tailLength = Math.min(extension + 4, 14);
  if (extension === 0 || chars.length <= tailLength + 1) return { head: chars.join(''), tail: '' };
  return { head: chars.slice(0, -tailLength).join(''), tail: chars.slice(-tailLength).join('') };
}
