import type { User } from '../api/types';
import { displayName } from '../state/format';
import { Avatar } from './Avatar';
import { MenuIcon, SettingsIcon, UsersIcon } from './Icons';

interface Props {
  me: User | null;
  showMembersButton: boolean;
  onMenu(): void;
  onMembers(): void;
  onProfile(): void;
  onSettings(): void;
}

export function TopBar({ me, showMembersButton, onMenu, onMembers, onProfile, onSettings }: Props) {
  return (
    <header class="topbar">
      <button type="button" class="icon-button topbar__menu" aria-label="Rooms and direct messages" onClick={onMenu}>
        <MenuIcon />
      </button>
      <div class="topbar__brand">
        <span class="topbar__logo" aria-hidden="true" />
        <span>Parley</span>
      </div>
      <div class="topbar__spacer" />
      {showMembersButton && (
        <button type="button" class="icon-button topbar__members" aria-label="Members" onClick={onMembers}>
          <UsersIcon />
        </button>
      )}
      {me && (
        <button type="button" class="topbar__me" aria-label={`Your profile: ${displayName(me)}`} onClick={onProfile}>
          <Avatar user={me} size="sm" />
          <span class="topbar__name">{displayName(me)}</span>
        </button>
      )}
      <button type="button" class="icon-button" aria-label="Settings" onClick={onSettings}>
        <SettingsIcon />
      </button>
    </header>
  );
}
