import type { User } from '../api/types';
import { avatarColour, displayName, initials } from '../state/format';

type Size = 'sm' | 'md' | 'lg';

/** A round avatar with the user's initials; the colour follows the user id. */
export function Avatar({ user, size = 'md', presence = false }: { user: User | undefined; size?: Size; presence?: boolean }) {
  const name = displayName(user);
  const colour = user ? avatarColour(user.id) : 0;
  return (
    <span class={`avatar avatar--${size} avatar--c${colour}`} aria-hidden="true">
      {initials(name)}
      {presence && user && <span class={`presence-dot${user.online ? ' presence-dot--online' : ''}`} />}
    </span>
  );
}
