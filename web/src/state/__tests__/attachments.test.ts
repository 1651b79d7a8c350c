import { describe, expect, it } from 'vitest';
import { attachmentsReducer, isBusy, newAttachment, planAttachments, readyFiles, sendProblem, type Attachment } from '../attachments';
import { FILE_MAX_BYTES, MAX_ATTACHMENTS, type FileObject } from '../files';

const file = (name: string, size = 100, type = 'text/plain') => ({ name, size, type });
const served = (id: number, name: string): FileObject => ({
  id,
  name,
  size: 100,
  content_type: 'text/plain',
  url: `/api/v1/files/${id}/${name}`,
});

function withTwo(): Attachment[] {
  return attachmentsReducer([], { type: 'add', items: [newAttachment('a', file('a.txt')), newAttachment('b', file('b.txt'))] });
}

describe('planAttachments', () => {
  it('accepts files within the limits', () => {
    const { accepted, errors } = planAttachments([], [file('a'), file('b')]);
    expect(accepted.map((f) => f.name)).toEqual(['a', 'b']);
    expect(errors).toEqual([]);
  });

  it('refuses an over-size file by name and keeps the others', () => {
    const { accepted, errors } = planAttachments([], [file('big.iso', FILE_MAX_BYTES + 1), file('ok')]);
    expect(accepted.map((f) => f.name)).toEqual(['ok']);
    expect(errors).toEqual(['“big.iso” is 25 MB; files can be at most 25 MB.']);
  });

  it('stops at 10 files per message, counting those already attached', () => {
    const existing = withTwo();
    const many = Array.from({ length: 10 }, (_, i) => file(`f${i}`));
    const { accepted, errors } = planAttachments(existing, many);
    expect(accepted).toHaveLength(MAX_ATTACHMENTS - 2);
    expect(errors).toEqual(['A message can carry at most 10 files; 2 were left out.']);
  });
});

describe('attachmentsReducer', () => {
  it('tracks each upload separately and keeps the order', () => {
    let list = withTwo();
    list = attachmentsReducer(list, { type: 'upload', localId: 'b', event: { type: 'start', total: 100 } });
    list = attachmentsReducer(list, { type: 'upload', localId: 'a', event: { type: 'start', total: 100 } });
    list = attachmentsReducer(list, { type: 'upload', localId: 'b', event: { type: 'progress', loaded: 40, total: 100 } });
    expect(list.map((a) => [a.localId, a.upload.phase, a.upload.loaded])).toEqual([
      ['a', 'uploading', 0],
      ['b', 'uploading', 40],
    ]);
    expect(isBusy(list)).toBe(true);
    list = attachmentsReducer(list, { type: 'uploaded', localId: 'b', file: served(2, 'b.txt') });
    list = attachmentsReducer(list, { type: 'uploaded', localId: 'a', file: served(1, 'a.txt') });
    expect(isBusy(list)).toBe(false);
    expect(readyFiles(list).map((f) => f.id)).toEqual([1, 2]);
  });

  it('ignores events for removed attachments, and an answer after a cancel', () => {
    let list = withTwo();
    list = attachmentsReducer(list, { type: 'upload', localId: 'a', event: { type: 'cancel' } });
    list = attachmentsReducer(list, { type: 'uploaded', localId: 'a', file: served(1, 'a.txt') });
    expect(list[0].upload.phase).toBe('cancelled');
    expect(list[0].file).toBeNull();
    list = attachmentsReducer(list, { type: 'remove', localId: 'a' });
    const same = attachmentsReducer(list, { type: 'upload', localId: 'a', event: { type: 'done' } });
    expect(same).toBe(list);
    expect(attachmentsReducer(list, { type: 'clear' })).toEqual([]);
  });

  it('never holds more than 10', () => {
    const items = Array.from({ length: 12 }, (_, i) => newAttachment(String(i), file(`f${i}`)));
    expect(attachmentsReducer([], { type: 'add', items })).toHaveLength(MAX_ATTACHMENTS);
  });
});

describe('sendProblem', () => {
  const TOO_LONG = 'Messages have at most 4000 characters.';

  it('needs text or at least one uploaded file; empty text is fine with files', () => {
    expect(sendProblem('', [])).toBe('');
    expect(sendProblem(null, [])).toBeNull();
    let list = withTwo();
    expect(sendProblem(null, list)).toBe('Wait for the files to finish uploading.');
    list = attachmentsReducer(list, { type: 'uploaded', localId: 'a', file: served(1, 'a.txt') });
    expect(sendProblem('', list)).toBe('Wait for the files to finish uploading.');
    list = attachmentsReducer(list, { type: 'uploaded', localId: 'b', file: served(2, 'b.txt') });
    expect(sendProblem('', list)).toBeNull();
    expect(sendProblem(TOO_LONG, list)).toBe(TOO_LONG);
  });

  it('waits until a failed upload is removed', () => {
    let list = withTwo();
    list = attachmentsReducer(list, { type: 'uploaded', localId: 'a', file: served(1, 'a.txt') });
    list = attachmentsReducer(list, { type: 'upload', localId: 'b', event: { type: 'failed', error: 'Too large.' } });
    expect(sendProblem(null, list)).toBe('Remove the files that could not be uploaded first.');
    list = attachmentsReducer(list, { type: 'remove', localId: 'b' });
    expect(sendProblem('', list)).toBeNull();
  });
});
