import { describe, expect, it } from 'vitest';
import {
  AVATAR_MAX_BYTES,
  checkAttachmentFile,
  checkAvatarFile,
  cleanFileName,
  FILE_MAX_BYTES,
  formatBytes,
  isInlineImage,
  MiB,
  nameParts,
  sameOriginPath,
  shortName,
} from '../files';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [10 * 1024, '10 KB'],
    [1024 * 1024 - 1, '1 MB'],
    [4 * MiB, '4 MB'],
    [4 * MiB + 1, '4 MB'],
    [25 * MiB, '25 MB'],
    [2.25 * 1024 * MiB, '2.3 GB'],
  ])('%i → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('gives nothing for nonsense', () => {
    expect(formatBytes(-1)).toBe('');
    expect(formatBytes(Number.NaN)).toBe('');
  });
});

describe('checkAvatarFile', () => {
  const png = (size: number) => ({ name: 'me.png', size, type: 'image/png' });

  it('accepts a picture up to 4 MiB', () => {
    expect(checkAvatarFile(png(AVATAR_MAX_BYTES))).toBeNull();
    expect(checkAvatarFile({ name: 'a.webp', size: 10, type: 'image/webp' })).toBeNull();
  });

  it('refuses one byte more, saying the size and the limit', () => {
    expect(checkAvatarFile(png(AVATAR_MAX_BYTES + 1))).toMatch(/at most 4 MB/);
    expect(checkAvatarFile(png(5 * MiB))).toBe('That picture is 5 MB; profile pictures can be at most 4 MB.');
  });

  it('refuses types the server does not take, and empty files', () => {
    expect(checkAvatarFile({ name: 'a.svg', size: 10, type: 'image/svg+xml' })).toMatch(/PNG, JPEG, WebP or GIF/);
    expect(checkAvatarFile({ name: 'a.pdf', size: 10, type: 'application/pdf' })).not.toBeNull();
    expect(checkAvatarFile(png(0))).toBe('That file is empty.');
  });
});

describe('checkAttachmentFile', () => {
  it('allows up to 25 MiB of anything', () => {
    expect(checkAttachmentFile({ name: 'a.zip', size: FILE_MAX_BYTES, type: '' })).toBeNull();
    expect(checkAttachmentFile({ name: 'a.zip', size: FILE_MAX_BYTES + 1, type: '' })).toBe(
      '“a.zip” is 25 MB; files can be at most 25 MB.',
    );
    expect(checkAttachmentFile({ name: 'e', size: 0, type: '' })).toBe('“e” is empty.');
  });
});

describe('isInlineImage', () => {
  it.each([
    ['image/png', true],
    ['image/JPEG', true],
    ['image/gif; charset=binary', true],
    ['image/webp', true],
    ['image/svg+xml', false],
    ['text/html', false],
    ['application/pdf', false],
  ])('%s → %s', (type, inline) => {
    expect(isInlineImage(type)).toBe(inline);
  });
});

describe('sameOriginPath', () => {
  it('keeps paths on this origin', () => {
    expect(sameOriginPath('/avatars/12-abc.png')).toBe('/avatars/12-abc.png');
    expect(sameOriginPath('/api/v1/files/3/a%20b.txt')).toBe('/api/v1/files/3/a%20b.txt');
  });

  it.each(['javascript:alert(1)', '//evil.example/x.png', '/\\evil.example', 'https://evil.example/a', '', '/a b', '/a\nb'])(
    'refuses %j',
    (url) => {
      expect(sameOriginPath(url)).toBeNull();
    },
  );

  it('refuses a missing URL', () => {
    expect(sameOriginPath(null)).toBeNull();
    expect(sameOriginPath(undefined)).toBeNull();
  });
});

describe('cleanFileName', () => {
  it('leaves ordinary names and path-like text alone (it is only text)', () => {
    expect(cleanFileName('report.pdf')).toBe('report.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('../../etc/passwd');
    expect(cleanFileName('<img src=x onerror=alert(1)>.png')).toBe('<img src=x onerror=alert(1)>.png');
  });

  it('shows control characters as visible symbols', () => {
    expect(cleanFileName('a\nb\tc\u0000.txt')).toBe('a\u240ab\u2409c\u2400.txt');
    expect(cleanFileName('del\u007f\u0085')).toBe('del\u2421\ufffd');
  });

  it('drops bidi overrides, isolates and invisible characters', () => {
    expect(cleanFileName('invoice\u202egpj.exe')).toBe('invoicegpj.exe');
    expect(cleanFileName('\u2066a\u2069\u200fb\u200b\ufeff')).toBe('ab');
  });

  it('never gives an empty name', () => {
    expect(cleanFileName('\u202e  ')).toBe('file');
  });
});

describe('shortName', () => {
  it('keeps short names whole', () => {
    expect(shortName('photo.jpg', 20)).toBe('photo.jpg');
  });

  it('cuts long names in the middle, keeping the extension, to exactly the limit', () => {
    const long = `${'a'.repeat(1000)}.pdf`;
    const short = shortName(long, 40);
    expect([...short]).toHaveLength(40);
    expect(short).toMatch(/^a+…a+\.pdf$/);
  });

  it('counts characters, not UTF-16 units, and cleans first', () => {
    const emoji = '😀'.repeat(100);
    expect([...shortName(emoji, 11)]).toHaveLength(11);
    expect(shortName(`x\u202e${'y'.repeat(100)}`, 10)).not.toContain('\u202e');
  });
});

describe('nameParts', () => {
  it('keeps a short name, or one without an extension, in one piece', () => {
    expect(nameParts('a.txt')).toEqual({ head: 'a.txt', tail: '' });
    expect(nameParts('README')).toEqual({ head: 'README', tail: '' });
    expect(nameParts('x'.repeat(30))).toEqual({ head: 'x'.repeat(30), tail: '' });
  });

  it('keeps the extension and a little before it in the tail', () => {
    expect(nameParts('quarterly-report-final.pdf')).toEqual({ head: 'quarterly-report-f', tail: 'inal.pdf' });
    expect(nameParts('draft-photo.png')).toEqual({ head: 'draft-p', tail: 'hoto.png' });
  });

  it('splits what shortName made, so the whole is at most max characters', () => {
    const { head, tail } = nameParts(`${'x'.repeat(1000)}\u202e.txt`, 40);
    expect([...(head + tail)]).toHaveLength(40);
    expect(head).toContain('…');
    expect(tail.endsWith('.txt')).toBe(true);
    expect(head + tail).not.toContain('\u202e');
  });
});
