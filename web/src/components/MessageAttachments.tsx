import { cleanFileName, formatBytes, isInlineImage, sameOriginPath, type FileObject } from '../state/files';
import { FileName } from './FileName';
import { DownloadIcon, FileIcon } from './Icons';

interface Props {
  files: FileObject[];
  onOpenImage(file: FileObject): void;
}

/** A message's files: images as previews that open large, anything else as a download card. */
export function MessageAttachments({ files, onOpenImage }: Props) {
  const shown = files.filter((f) => sameOriginPath(f.url) !== null);
  if (shown.length === 0) return null;
  return (
    <ul class="attachments" aria-label="Attachments">
      {shown.map((file) => (
        <li key={file.id} class="attachments__item">
          {isInlineImage(file.content_type) ? <ImagePreview file={file} onOpen={onOpenImage} /> : <FileCard file={file} />}
        </li>
      ))}
    </ul>
  );
}

function ImagePreview({ file, onOpen }: { file: FileObject; onOpen(file: FileObject): void }) {
  const name = cleanFileName(file.name);
  return (
    <button type="button" class="attachment-image" title={name} aria-label={`Enlarge image ${name}`} onClick={() => onOpen(file)}>
      <img src={file.url} alt={name} loading="lazy" decoding="async" />
    </button>
  );
}

function FileCard({ file }: { file: FileObject }) {
  const name = cleanFileName(file.name);
  return (
    <div class="file-card">
      <span class="file-card__icon" aria-hidden="true">
        <FileIcon />
      </span>
      <span class="file-card__info">
        <a class="file-card__name" href={file.url} download aria-label={`Download ${name}, ${formatBytes(file.size)}`}>
          <FileName name={file.name} max={60} />
        </a>
        <span class="file-card__size">{formatBytes(file.size)}</span>
      </span>
      <a class="icon-button file-card__download" href={file.url} download tabIndex={-1} aria-hidden="true">
        <DownloadIcon />
      </a>
    </div>
  );
}
