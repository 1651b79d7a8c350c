import type { FileObject } from '../api/types';
import { FileName } from './FileName';

/** Our own message while the server has not confirmed it. */
export function PendingRow({ text, files, name }: { text: string; files: FileObject[]; name: string }) {
  return (
    <li class="msg msg--continued msg--pending">
      <div class="msg__gutter" />
      <div class="msg__body">
        <span class="visually-hidden">{name}: </span>
        {text && <p class="msg__text">{text}</p>}
        {files.length > 0 && (
          <ul class="pending-files">
            {files.map((f) => (
              <li key={f.id}>
                <FileName name={f.name} max={40} />
              </li>
            ))}
          </ul>
        )}
        <span class="msg__status">Sending…</span>
      </div>
    </li>
  );
}
