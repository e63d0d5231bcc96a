import { lazy, Suspense, useEffect, useState } from 'react';
import { lastServerContactAt } from '../api/client';
import { useAuth } from './AuthProvider';

// antd's Modal (~16 KB) is fetched when the warning is due, not with every signed-in page's first load.
const IdleDialog = lazy(() => import('./IdleDialog'));

/** The server ends a session after 30 minutes without a request (HAVEN_SESSION_IDLE_MINUTES). */
export const sessionIdleMinutes = 30;
/** Warned this long before: time to read, decide and press a button (WCAG 2.2.1 asks for ≥ 20 s). */
const warningSeconds = 120;

/**
 * Warns before the session times out and offers to stay signed in, so that a long form is not lost
 * (a form being typed sends no request; its draft is kept too, see useFormDraft).
 */
export function IdleWarning() {
  const { me, refresh, signOut } = useAuth();
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  useEffect(() => {
    if (!me) return;
    const tick = () => {
      // The server notes a request at most once a minute: count from a minute earlier to be safe.
      const left = Math.round((lastServerContactAt() + (sessionIdleMinutes - 1) * 60_000 - Date.now()) / 1000);
      // Time is up: asking the server confirms it, and the sign-in page says the session ended.
      if (left <= 0) void refresh();
      setSecondsLeft(left <= warningSeconds ? Math.max(left, 0) : null);
    };
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [me, refresh]);

  if (!me || secondsLeft === null) return null;
  return (
    <Suspense fallback={null}>
      <IdleDialog secondsLeft={secondsLeft} onStay={() => void refresh()} onSignOut={() => void signOut()} />
    </Suspense>
  );
}
