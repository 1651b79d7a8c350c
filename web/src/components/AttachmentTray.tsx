import type { Attachment } from '../state/attachments';
import { cleanFileName, formatBytes } from '../state/files';
import { percent } from '../state/upload';
import { FileName } from './FileName';
import { CloseIcon, FileIcon } from './Icons';

interface Props {
  items: Attachment[];
  onRemove(localId: string): void;
}

/** The files attached to the message being written, each with its upload's progress. */
export function AttachmentTray({ items, onRemove }: Props) {
  if (items.length === 0) return null;
  return (
    <ul class="tray" aria-label="Attached files">
      {items.map((a) => (
        <TrayItem key={a.localId} item={a} onRemove={onRemove} />
      ))}
    </ul>
  );
}

function TrayItem({ item, onRemove }: { item: Attachment; onRemove(localId: string): void }) {
  const { phase, error } = item.upload;
  const name = cleanFileName(item.name);
  const running = phase === 'waiting' || phase === 'uploading';
  const pct = percent(item.upload);
  const status =
    phase === 'failed' ? (error ?? 'The upload failed.') : running ? `Uploading… ${pct}%` : formatBytes(item.size);
  return (
    <li class={`tray__item${phase === 'failed' ? ' tray__item--failed' : ''}`}>
      {item.preview ? (
        <img class="tray__thumb" src={item.preview} alt="" />
      ) : (
        <span class="tray__thumb tray__thumb--file" aria-hidden="true">
          <FileIcon size={20} />
        </span>
      )}
      <span class="tray__info">
        <FileName name={item.name} max={40} class="tray__name" />
        <span class="tray__status" role={phase === 'failed' ? 'alert' : undefined}>
          {status}
        </span>
        {running && <progress class="progress" max={100} value={pct} aria-label={`Uploading ${name}`} />}
      </span>
      <button
        type="button"
        class="icon-button icon-button--small tray__remove"
        aria-label={running ? `Cancel upload of ${name}` : `Remove ${name}`}
        title={running ? 'Cancel upload' : 'Remove'}
        onClick={() => onRemove(item.localId)}
      >
        <CloseIcon />
      </button>
    </li>
  );
}
