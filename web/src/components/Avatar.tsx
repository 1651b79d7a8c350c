import { useState } from 'preact/hooks';
import type { User } from '../api/types';
import { avatarColour, displayName, initials } from '../state/format';
import { sameOriginPath } from '../state/files';

type Size = 'sm' | 'md' | 'lg' | 'xl';

/**
 * A round avatar: the user's picture when they have one (the server already makes it round
 * with transparent corners), otherwise their initials on a colour that follows the user id.
 */
export function Avatar({ user, size = 'md', presence = false }: { user: User | undefined; size?: Size; presence?: boolean }) {
  const name = displayName(user);
  const colour = user ? avatarColour(user.id) : 0;
  const src = sameOriginPath(user?.avatar_url);
  // A picture that fails to load falls back to the initials (remembered per URL).
  const [broken, setBroken] = useState<string | null>(null);
  const picture = src !== null && broken !== src;
  return (
    <span class={`avatar avatar--${size} ${picture ? 'avatar--picture' : `avatar--c${colour}`}`} aria-hidden="true">
      {picture ? <img class="avatar__img" src={src} alt="" decoding="async" onError={() => setBroken(src)} /> : initials(name)}
      {presence && user && <span class={`presence-dot${user.online ? ' presence-dot--online' : ''}`} />}
    </span>
  );
}
