// One screen, two tabs: sign in to an account, or create one.
import { useRef, useState } from 'preact/hooks';
import { AuthForm, type Mode } from './AuthForm';

const TABS: { mode: Mode; label: string }[] = [
  { mode: 'login', label: 'Sign in' },
  { mode: 'register', label: 'Create account' },
];

export function AuthScreen({ note }: { note: string | null }) {
  const [mode, setMode] = useState<Mode>('login');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const next = mode === 'login' ? 'register' : 'login';
    setMode(next);
    tabs.current[next === 'login' ? 0 : 1]?.focus();
    e.preventDefault();
  };

  return (
    <main class="auth">
      <section class="auth__card" aria-labelledby="auth-title">
        <div class="auth__brand">
          <span class="auth__logo" aria-hidden="true" />
          <h1 id="auth-title" class="auth__title">Parley</h1>
        </div>
        <p class="auth__tagline">Group chat for your team, on your own server.</p>
        {note && (
          <p class="auth__note" role="status">
            {note}
          </p>
        )}
        <div class="tabs" role="tablist" aria-label="Account" onKeyDown={onKeyDown}>
          {TABS.map((tab, i) => (
            <button
              key={tab.mode}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${tab.mode}`}
              class="tabs__tab"
              aria-selected={mode === tab.mode}
              aria-controls={`panel-${tab.mode}`}
              tabIndex={mode === tab.mode ? 0 : -1}
              onClick={() => setMode(tab.mode)}
            >
              {tab.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${mode}`} aria-labelledby={`tab-${mode}`}>
          <AuthForm key={mode} mode={mode} />
        </div>
      </section>
    </main>
  );
}
