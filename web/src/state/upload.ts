// One upload's life: waiting → uploading (with progress) → done | failed | cancelled.
// The last three are final: a late progress event or answer can't bring an upload back.

export type UploadPhase = 'waiting' | 'uploading' | 'done' | 'failed' | 'cancelled';

export interface Upload {
  phase: UploadPhase;
  loaded: number;
  total: number;
  error: string | null;
}

export type UploadEvent =
  | { type: 'start'; total: number }
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'done' }
  | { type: 'failed'; error: string }
  | { type: 'cancel' };

export const newUpload = (total = 0): Upload => ({ phase: 'waiting', loaded: 0, total, error: null });

export const isFinal = (u: Upload): boolean => u.phase === 'done' || u.phase === 'failed' || u.phase === 'cancelled';

export function stepUpload(u: Upload, event: UploadEvent): Upload {
  if (isFinal(u)) return u;
  switch (event.type) {
    case 'start':
      return { phase: 'uploading', loaded: 0, total: event.total, error: null };
    case 'progress': {
      const total = event.total > 0 ? event.total : u.total;
      // Progress only goes forward, and never past the total.
      const loaded = Math.min(Math.max(u.loaded, event.loaded), total || event.loaded);
      return { ...u, phase: 'uploading', loaded, total };
    }
    case 'done':
      return { ...u, phase: 'done', loaded: u.total, error: null };
    case 'failed':
      return { ...u, phase: 'failed', error: event.error };
    case 'cancel':
      return { ...u, phase: 'cancelled' };
  }
}

/** 0 to 100, whole numbers; a finished upload is 100. */
export function percent(u: Upload): number {
  if (u.phase === 'done') return 100;
  if (u.total <= 0) return 0;
  return Math.min(100, Math.floor((u.loaded / u.total) * 100));
}
