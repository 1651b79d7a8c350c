import { useEffect, useRef, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import { ApiError, type User } from '../api/types';
import type { RunningUpload } from '../api/upload';
import { checkAvatarFile } from '../state/files';
import { newUpload, percent, stepUpload, type Upload } from '../state/upload';
import { Avatar } from './Avatar';

/**
 * The profile picture: choose one (or drop it here), see it as it will look, then save it
 * with a progress bar. The size and type are checked before anything is sent.
 */
export function AvatarEditor({ me }: { me: User }) {
  const client = useClient();
  const picker = useRef<HTMLInputElement>(null);
  const running = useRef<RunningUpload<void> | null>(null);
  const [chosen, setChosen] = useState<{ file: File; preview: string } | null>(null);
  const [upload, setUpload] = useState<Upload>(newUpload());
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const busy = upload.phase === 'uploading';

  // The preview is a blob: URL; give it back when it is replaced or the editor closes.
  useEffect(() => () => chosen && URL.revokeObjectURL(chosen.preview), [chosen]);
  useEffect(() => () => running.current?.cancel(), []);

  const choose = (file: File | undefined) => {
    if (!file || busy) return;
    setNote(null);
    const problem = checkAvatarFile(file);
    setError(problem);
    if (problem) return setChosen(null);
    setUpload(newUpload());
    setChosen({ file, preview: URL.createObjectURL(file) });
  };

  const save = () => {
    if (!chosen) return;
    setError(null);
    let state = stepUpload(newUpload(), { type: 'start', total: chosen.file.size });
    setUpload(state);
    const run = client.uploadAvatar(chosen.file, (loaded, total) => {
      state = stepUpload(state, { type: 'progress', loaded, total });
      setUpload(state);
    });
    running.current = run;
    run.done.then(
      () => {
        setUpload(stepUpload(state, { type: 'done' }));
        setChosen(null);
        setNote('Your picture is saved.');
      },
      (e: ApiError) => {
        setUpload(stepUpload(state, e.code === 'cancelled' ? { type: 'cancel' } : { type: 'failed', error: e.message }));
        if (e.code !== 'cancelled') setError(e.message);
      },
    ).finally(() => (running.current = null));
  };

  const remove = () => {
    setError(null);
    setNote(null);
    client.removeAvatar().then(
      () => setNote('Your picture is removed.'),
      (e: Error) => setError(e instanceof ApiError ? e.message : 'The picture could not be removed.'),
    );
  };

  const files = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
  return (
    <section
      class={`avatar-editor${over ? ' avatar-editor--over' : ''}`}
      aria-labelledby="avatar-editor-title"
      onDragOver={(e) => {
        if (!files(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        if (!files(e)) return;
        e.preventDefault();
        setOver(false);
        choose(e.dataTransfer?.files[0]);
      }}
    >
      <div class="avatar-editor__picture">
        {chosen ? <img class="avatar-editor__preview" src={chosen.preview} alt="Preview of your new picture" /> : <Avatar user={me} size="xl" />}
      </div>
      <div class="avatar-editor__side">
        <h3 id="avatar-editor-title" class="avatar-editor__title">
          Profile picture
        </h3>
        <p class="avatar-editor__hint" id="avatar-editor-hint">
          {chosen ? 'This is how it will look. Save it to show it to everyone.' : 'PNG, JPEG, WebP or GIF, up to 4 MB. Choose one or drop it here.'}
        </p>
        <input
          ref={picker}
          id="avatar-file"
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          class="visually-hidden"
          tabIndex={-1}
          aria-label="Profile picture file"
          onChange={(e) => {
            choose(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
        <div class="avatar-editor__buttons">
          {chosen ? (
            <>
              <button type="button" class="button button--primary button--small" disabled={busy} onClick={save}>
                Save picture
              </button>
              <button
                type="button"
                class="button button--small"
                onClick={() => (busy ? running.current?.cancel() : setChosen(null))}
              >
                {busy ? 'Cancel upload' : 'Cancel'}
              </button>
            </>
          ) : (
            <>
              <button type="button" class="button button--small" aria-describedby="avatar-editor-hint" onClick={() => picker.current?.click()}>
                {me.avatar_url ? 'Change picture…' : 'Choose a picture…'}
              </button>
              {me.avatar_url && (
                <button type="button" class="button button--small button--danger-outline" onClick={remove}>
                  Remove
                </button>
              )}
            </>
          )}
        </div>
        {busy && <progress class="progress" max={100} value={percent(upload)} aria-label="Uploading your picture" />}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {note && (
          <p class="form-success" role="status">
            {note}
          </p>
        )}
      </div>
    </section>
  );
}
