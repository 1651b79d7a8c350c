// Uploads of the files attached to messages being written: each starts as soon as the
// file is added, reports progress into the store, and can be cancelled.
import { upload, type RunningUpload } from '../api/upload';
import type { ApiError } from '../api/types';
import { newAttachment, planAttachments, type Attachment, type AttachmentAction } from '../state/attachments';
import { isInlineImage, type FileObject } from '../state/files';
import type { ConvKey } from '../state/keys';
import type { Store } from '../state/store';
import type { UploadEvent } from '../state/upload';

export class AttachmentUploads {
  /** Uploads still running, by local id. */
  private readonly running = new Map<string, RunningUpload<unknown>>();
  private seq = 0;

  constructor(
    private readonly store: Store,
    private readonly token: () => string | null,
    private readonly onUnauthorized: () => void,
  ) {}

  /** Adds files to the message being written in `key`; returns a sentence per file refused. */
  add(key: ConvKey, files: File[]): string[] {
    const token = this.token();
    if (!token) return [];
    const { accepted, errors } = planAttachments(this.list(key), files);
    const started = accepted.map((file) => {
      const preview = isInlineImage(file.type) ? URL.createObjectURL(file) : null;
      return { file, item: newAttachment(`a${++this.seq}`, file, preview) };
    });
    if (started.length) this.dispatch(key, { type: 'add', items: started.map((s) => s.item) });
    for (const { file, item } of started) this.start(key, token, file, item.localId);
    return errors;
  }

  /** Takes a file off the message, cancelling its upload if it is still running. */
  remove(key: ConvKey, localId: string): void {
    this.running.get(localId)?.cancel();
    const item = this.list(key).find((a) => a.localId === localId);
    if (item) release(item);
    this.dispatch(key, { type: 'remove', localId });
  }

  /** Empties the composer's list for sending; `restore` gives it back if sending fails. */
  take(key: ConvKey): Attachment[] {
    const items = this.list(key);
    if (items.length) this.dispatch(key, { type: 'clear' });
    return items;
  }

  restore(key: ConvKey, items: Attachment[]): void {
    if (items.length) this.dispatch(key, { type: 'add', items });
  }

  /** Frees the previews of files that were sent. */
  release(items: Attachment[]): void {
    items.forEach(release);
  }

  cancelAll(): void {
    for (const running of this.running.values()) running.cancel();
    this.running.clear();
  }

  private start(key: ConvKey, token: string, file: File, localId: string): void {
    const event = (e: UploadEvent) => this.dispatch(key, { type: 'upload', localId, event: e });
    event({ type: 'start', total: file.size });
    const running = upload<{ file: FileObject }>({
      method: 'POST',
      url: `/api/v1/files?name=${encodeURIComponent(file.name)}`,
      token,
      body: file,
      contentType: file.type,
      onProgress: (loaded, total) => event({ type: 'progress', loaded, total }),
    });
    this.running.set(localId, running);
    running.done
      .then(
        (answer) => this.dispatch(key, { type: 'uploaded', localId, file: answer.file }),
        (error: ApiError) => {
          if (error.code === 'cancelled') return event({ type: 'cancel' });
          event({ type: 'failed', error: error.message });
          if (error.code === 'unauthorized') this.onUnauthorized();
        },
      )
      .finally(() => this.running.delete(localId));
  }

  private list(key: ConvKey): Attachment[] {
    return this.store.get().attachments[key] ?? [];
  }

  private dispatch(key: ConvKey, action: AttachmentAction): void {
    this.store.dispatch({ type: 'attachments', key, action });
  }
}

const release = (a: Attachment) => {
  if (a.preview) URL.revokeObjectURL(a.preview);
};
