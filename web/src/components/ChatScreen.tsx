import { useEffect, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { UserId } from '../api/types';
import type { ConvKey } from '../state/keys';
import type { AppState } from '../state/types';
import { ConnectionBanner } from './ConnectionBanner';
import { ConversationView } from './ConversationView';
import { InviteBanner } from './InviteBanner';
import { JoinRoomDialog } from './JoinRoomDialog';
import { KickedBanner } from './KickedBanner';
import { MembersPanel } from './MembersPanel';
import { ProfileCard } from './ProfileCard';
import { ProfileEditor } from './ProfileEditor';
import { SettingsDialog } from './SettingsDialog';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';

type Drawer = 'sidebar' | 'members' | null;
type Modal = { kind: 'editor' } | { kind: 'settings' } | { kind: 'join' } | { kind: 'user'; userId: UserId } | null;

export function ChatScreen({ state }: { state: AppState }) {
  const client = useClient();
  const [drawer, setDrawer] = useState<Drawer>(null);
  const [modal, setModal] = useState<Modal>(null);

  const unread = Object.values(state.unread).reduce((sum, n) => sum + n, 0);
  useEffect(() => {
    document.title = unread ? `(${unread}) Parley` : 'Parley';
  }, [unread]);
  useEffect(() => () => void (document.title = 'Parley'), []);

  useEffect(() => {
    if (!drawer) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setDrawer(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawer]);

  const open = (key: ConvKey) => {
    client.open(key);
    setDrawer(null);
  };
  const showUser = (userId: UserId) => {
    setModal({ kind: 'user', userId });
    setDrawer(null);
  };
  const close = () => setModal(null);
  const toggle = (which: Drawer) => setDrawer(drawer === which ? null : which);

  return (
    <div class="chat">
      <TopBar
        me={state.me}
        showMembersButton={!!state.active}
        onMenu={() => toggle('sidebar')}
        onMembers={() => toggle('members')}
        onProfile={() => setModal({ kind: 'editor' })}
        onSettings={() => setModal({ kind: 'settings' })}
      />
      <ConnectionBanner connection={state.connection} retryAt={state.retryAt} everConnected={!!state.me} />
      {state.alert && <KickedBanner alert={state.alert} users={state.users} />}
      {state.invites.map((invite) => (
        <InviteBanner key={invite.room} invite={invite} users={state.users} />
      ))}
      <div class="chat__body">
        <Sidebar state={state} open={drawer === 'sidebar'} onOpen={open} onJoin={() => setModal({ kind: 'join' })} />
        {state.active ? (
          <ConversationView state={state} convKey={state.active} onUser={showUser} />
        ) : (
          <main class="conversation conversation--empty">
            <p class="muted">{state.me ? 'Join a room to start chatting.' : 'Connecting to Parley…'}</p>
          </main>
        )}
        <MembersPanel state={state} open={drawer === 'members'} onUser={showUser} />
        {drawer && <button type="button" class="scrim" aria-label="Close panel" onClick={() => setDrawer(null)} />}
      </div>
      {modal?.kind === 'editor' && state.me && <ProfileEditor me={state.me} onClose={close} />}
      {modal?.kind === 'settings' && state.me && <SettingsDialog me={state.me} onClose={close} />}
      {modal?.kind === 'join' && <JoinRoomDialog joined={state.rooms} onClose={close} />}
      {modal?.kind === 'user' && (
        <ProfileCard state={state} userId={modal.userId} onClose={close} onEditProfile={() => setModal({ kind: 'editor' })} />
      )}
    </div>
  );
}
