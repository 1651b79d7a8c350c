// Files attached to the message being written, per conversation: each is uploaded as soon
// as it is added, and the message can be sent once every upload is done.
import { checkAttachmentFile, MAX_ATTACHMENTS, type FileLike, type FileObject } from './files';
import { newUpload, stepUpload, type Upload, type UploadEvent } from './upload';

export interface Attachment {
  localId: string;
  name: string;
  size: number;
  type: string;
  /** A `blob:` URL for an image's thumbnail while it is in the composer. */
  preview: string | null;
  upload: Upload;
  /** The server's file object once the upload is done. */
  file: FileObject | null;
}

export type AttachmentAction =
  | { type: 'add'; items: Attachment[] }
  | { type: 'upload'; localId: string; event: UploadEvent }
  | { type: 'uploaded'; localId: string; file: FileObject }
  | { type: 'remove'; localId: string }
  | { type: 'clear' };

export const newAttachment = (localId: string, file: FileLike, preview: string | null = null): Attachment => ({
  localId,
  name: file.name,
  size: file.size,
  type: file.type,
  preview,
  upload: newUpload(file.size),
  file: null,
});

/**
 * Which of `files` may be added next to `existing` (at most MAX_ATTACHMENTS, each within
 * the size limit), and a sentence for each one refused.
 */
export function planAttachments<F extends FileLike>(existing: readonly Attachment[], files: readonly F[]) {
  const accepted: F[] = [];
  const errors: string[] = [];
  let room = MAX_ATTACHMENTS - existing.length;
  let overflow = 0;
  for (const file of files) {
    const problem = checkAttachmentFile(file);
    if (problem) errors.push(problem);
    else if (room > 0) {
      accepted.push(file);
      room--;
    } else overflow++;
  }
  if (overflow > 0) {
    errors.push(`A message can carry at most ${MAX_ATTACHMENTS} files; ${overflow === 1 ? 'one was' : `${overflow} were`} left out.`);
  }
  return { accepted, errors };
}

export function attachmentsReducer(list: readonly Attachment[], action: AttachmentAction): Attachment[] {
  switch (action.type) {
    case 'add':
      return [...list, ...action.items].slice(0, MAX_ATTACHMENTS);
    case 'upload':
      return change(list, action.localId, (a) => ({ ...a, upload: stepUpload(a.upload, action.event) }));
    case 'uploaded':
      return change(list, action.localId, (a) =>
        a.upload.phase === 'cancelled' ? a : { ...a, file: action.file, upload: stepUpload(a.upload, { type: 'done' }) },
      );
    case 'remove':
      return list.filter((a) => a.localId !== action.localId);
    case 'clear':
      return [];
  }
}

function change(list: readonly Attachment[], localId: string, fn: (a: Attachment) => Attachment): Attachment[] {
  const index = list.findIndex((a) => a.localId === localId);
  if (index < 0) return list as Attachment[];
  const next = [...list];
  next[index] = fn(list[index]);
  return next;
}

export const isBusy = (list: readonly Attachment[]): boolean =>
  list.some((a) => a.upload.phase === 'waiting' || a.upload.phase === 'uploading');

/** The uploaded files, in the order they were added. */
export const readyFiles = (list: readonly Attachment[]): FileObject[] =>
  list.filter((a) => a.upload.phase === 'done' && a.file).map((a) => a.file as FileObject);

export const STILL_UPLOADING = 'Wait for the files to finish uploading.';

/**
 * Why the message can't be sent yet, or null when it can. `textProblem` is what
 * checkMessageText said of the text: '' means "empty", which is fine with files attached.
 */
export function sendProblem(textProblem: string | null, list: readonly Attachment[]): string | null {
  if (isBusy(list)) return STILL_UPLOADING;
  if (list.some((a) => a.upload.phase === 'failed' || a.upload.phase === 'cancelled')) {
    return 'Remove the files that could not be uploaded first.';
  }
  if (textProblem === '' && readyFiles(list).length > 0) return null;
  return textProblem;
}
