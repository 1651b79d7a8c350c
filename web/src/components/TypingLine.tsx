import { displayName, typingText } from '../state/format';
import type { ConvKey } from '../state/keys';
import { typingUsers } from '../state/selectors';
import type { AppState } from '../state/types';

export function TypingLine({ state, convKey }: { state: AppState; convKey: ConvKey }) {
  const names = typingUsers(state, convKey, Date.now()).map((id) => displayName(state.users[id]));
  return (
    <div class="typing" aria-live="polite">
      {typingText(names)}
    </div>
  );
}
