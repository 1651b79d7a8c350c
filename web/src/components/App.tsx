import { useAppState } from '../app/context';
import { AuthScreen } from './AuthScreen';
import { BannedScreen } from './BannedScreen';
import { ChatScreen } from './ChatScreen';

export function App() {
  const state = useAppState();
  if (state.screen === 'banned') return <BannedScreen reason={state.screenNote ?? ''} />;
  if (state.screen === 'auth') return <AuthScreen note={state.screenNote} />;
  return <ChatScreen state={state} />;
}
