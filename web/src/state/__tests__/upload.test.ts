import { describe, expect, it } from 'vitest';
import { parseAnswer, upload, type XhrLike } from '../../api/upload';
import { ApiError } from '../../api/types';
import { newUpload, percent, stepUpload, type Upload } from '../upload';

describe('stepUpload', () => {
  const started = stepUpload(newUpload(), { type: 'start', total: 1000 });

  it('starts, moves forward and finishes at 100 %', () => {
    expect(started).toEqual({ phase: 'uploading', loaded: 0, total: 1000, error: null });
    const half = stepUpload(started, { type: 'progress', loaded: 500, total: 1000 });
    expect(percent(half)).toBe(50);
    const done = stepUpload(half, { type: 'done' });
    expect(done.phase).toBe('done');
    expect(percent(done)).toBe(100);
  });

  it('never goes backwards or past the total', () => {
    let u: Upload = stepUpload(started, { type: 'progress', loaded: 700, total: 1000 });
    u = stepUpload(u, { type: 'progress', loaded: 300, total: 1000 });
    expect(u.loaded).toBe(700);
    u = stepUpload(u, { type: 'progress', loaded: 5000, total: 1000 });
    expect(u.loaded).toBe(1000);
    expect(percent(u)).toBe(100);
  });

  it('is final once failed or cancelled: late events change nothing', () => {
    const failed = stepUpload(started, { type: 'failed', error: 'Too large.' });
    expect(failed).toMatchObject({ phase: 'failed', error: 'Too large.' });
    expect(stepUpload(failed, { type: 'progress', loaded: 10, total: 1000 })).toBe(failed);
    expect(stepUpload(failed, { type: 'done' })).toBe(failed);
    const cancelled = stepUpload(started, { type: 'cancel' });
    expect(stepUpload(cancelled, { type: 'done' })).toBe(cancelled);
  });

  it('shows 0 % while the size is unknown', () => {
    expect(percent(newUpload())).toBe(0);
  });
});

describe('parseAnswer', () => {
  it('returns the body of a success', () => {
    expect(parseAnswer(201, '{"file":{"id":1}}')).toEqual({ file: { id: 1 } });
    expect(parseAnswer(204, '')).toBeUndefined();
  });

  it('uses the server’s code and sentence', () => {
    const call = () => parseAnswer(413, '{"error":{"code":"quota_exceeded","message":"You have used your space."}}');
    expect(call).toThrow(ApiError);
    expect(call).toThrow('You have used your space.');
    try {
      call();
    } catch (e) {
      expect((e as ApiError).code).toBe('quota_exceeded');
      expect((e as ApiError).status).toBe(413);
    }
  });

  it('says something useful when the body is not JSON', () => {
    expect(() => parseAnswer(413, '<html>')).toThrow('That file is too large for this server.');
    expect(() => parseAnswer(0, '')).toThrow(/interrupted/);
    expect(() => parseAnswer(502, '')).toThrow('The server answered 502.');
  });
});

class FakeXhr implements XhrLike {
  status = 0;
  responseText = '';
  headers: Record<string, string> = {};
  opened: [string, string] | null = null;
  sent: Blob | null = null;
  aborted = false;
  upload: XhrLike['upload'] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    this.sent = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
}

describe('upload', () => {
  const body = new Blob(['hello']);

  it('sends the body with the token and type, reports progress, resolves with the answer', async () => {
    const xhr = new FakeXhr();
    const seen: number[] = [];
    const run = upload<{ file: { id: number } }>(
      { method: 'POST', url: '/api/v1/files?name=a', token: 't0k', body, contentType: '', onProgress: (l) => seen.push(l) },
      () => xhr,
    );
    expect(xhr.opened).toEqual(['POST', '/api/v1/files?name=a']);
    expect(xhr.headers).toEqual({ Authorization: 'Bearer t0k', 'Content-Type': 'application/octet-stream' });
    expect(xhr.sent).toBe(body);
    xhr.upload.onprogress?.({ loaded: 2, total: 5, lengthComputable: true });
    xhr.upload.onprogress?.({ loaded: 5, total: 0, lengthComputable: false });
    xhr.status = 201;
    xhr.responseText = '{"file":{"id":7}}';
    xhr.onload?.();
    await expect(run.done).resolves.toEqual({ file: { id: 7 } });
    expect(seen).toEqual([2, 5]);
  });

  it('rejects with the server’s error', async () => {
    const xhr = new FakeXhr();
    const run = upload({ method: 'PUT', url: '/api/v1/me/avatar', token: 't', body, contentType: 'image/png' }, () => xhr);
    xhr.status = 415;
    xhr.responseText = '{"error":{"code":"unsupported_image","message":"Not an image."}}';
    xhr.onload?.();
    await expect(run.done).rejects.toMatchObject({ code: 'unsupported_image', message: 'Not an image.' });
  });

  it('can be cancelled, and a network failure is reported in words', async () => {
    const xhr = new FakeXhr();
    const run = upload({ method: 'POST', url: '/x', token: 't', body, contentType: 'text/plain' }, () => xhr);
    run.cancel();
    expect(xhr.aborted).toBe(true);
    await expect(run.done).rejects.toMatchObject({ code: 'cancelled' });

    const broken = new FakeXhr();
    const second = upload({ method: 'POST', url: '/x', token: 't', body, contentType: 'text/plain' }, () => broken);
    broken.onerror?.();
    await expect(second.done).rejects.toMatchObject({ code: 'network' });
  });
});
