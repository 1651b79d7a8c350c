import { cleanFileName, formatBytes, sameOriginPath, type FileObject } from '../state/files';
import { Dialog } from './Dialog';
import { DownloadIcon } from './Icons';

/** An image shown large in a modal dialog: Escape, the close button or a click outside close it. */
export function ImageViewer({ file, onClose }: { file: FileObject; onClose(): void }) {
  const name = cleanFileName(file.name);
  const url = sameOriginPath(file.url);
  return (
    <Dialog title={name} onClose={onClose} size="image">
      <div class="viewer">
        {url && <img class="viewer__img" src={url} alt={name} />}
        <div class="viewer__bar">
          <span class="muted">{formatBytes(file.size)}</span>
          {url && (
            <a class="button button--small" href={url} download>
              <DownloadIcon />
              <span>Download</span>
            </a>
          )}
        </div>
      </div>
    </Dialog>
  );
}
