// Sending a body with progress and a way to cancel: XMLHttpRequest, because fetch can't
// report upload progress. The token goes in the Authorization header only.
import { ApiError } from './types';

export interface UploadRequest {
  method: 'PUT' | 'POST';
  url: string;
  token: string;
  body: Blob;
  contentType: string;
  onProgress?(loaded: number, total: number): void;
}

export interface RunningUpload<T> {
  done: Promise<T>;
  cancel(): void;
}

/** The part of XMLHttpRequest used here, so tests can pass a fake. */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

const STATUS_SENTENCES: Record<number, [string, string]> = {
  401: ['unauthorized', 'Your session has ended. Sign in again.'],
  413: ['too_large', 'That file is too large for this server.'],
  415: ['unsupported_image', 'That file is not a supported image.'],
};

/** Turns an answer into its JSON body, or into an ApiError with the server's sentence. */
export function parseAnswer<T>(status: number, text: string): T {
  let data: { error?: { code?: string; message?: string } } | null = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (status >= 200 && status < 300) return (data ?? undefined) as T;
  if (status === 0) throw new ApiError('network', 'The upload was interrupted. Check your connection and try again.');
  const [code, message] = STATUS_SENTENCES[status] ?? ['internal', `The server answered ${status}.`];
  throw new ApiError(data?.error?.code ?? code, data?.error?.message ?? message, status);
}

export function upload<T>(request: UploadRequest, makeXhr: () => XhrLike = () => new XMLHttpRequest() as unknown as XhrLike): RunningUpload<T> {
  const xhr = makeXhr();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open(request.method, request.url);
    xhr.setRequestHeader('Authorization', `Bearer ${request.token}`);
    xhr.setRequestHeader('Content-Type', request.contentType || 'application/octet-stream');
    xhr.upload.onprogress = (e) => request.onProgress?.(e.loaded, e.lengthComputable ? e.total : request.body.size);
    xhr.onload = () => {
      try {
        resolve(parseAnswer<T>(xhr.status, xhr.responseText));
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiError('network', 'The upload was interrupted. Check your connection and try again.'));
    xhr.onabort = () => reject(new ApiError('cancelled', 'The upload was cancelled.'));
    xhr.send(request.body);
  });
  return { done, cancel: () => xhr.abort() };
}
