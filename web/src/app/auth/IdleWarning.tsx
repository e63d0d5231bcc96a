import { Button, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lastServerContactAt } from '../api/client';
import { useAuth } from './AuthProvider';

/** The server ends a session after 30 minutes without a request (HAVEN_SESSION_IDLE_MINUTES). */
export const sessionIdleMinutes = 30;
/** Warned this long before: time to read, decide and press a button (WCAG 2.2.1 asks for ≥ 20 s). */
const warningSeconds = 120;

/**
 * Warns before the session times out and offers to stay signed in, so that a long form is not lost
 * (a form being typed sends no request; its draft is kept too, see useFormDraft).
 */
export function IdleWarning() {
  const { t } = useTranslation();
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
  const minutes = Math.floor(secondsLeft / 60);
  const seconds = String(secondsLeft % 60).padStart(2, '0');
  return (
    <Modal
      open
      title={t('forms.idle.title')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={[
        <Button key="out" onClick={() => void signOut()}>
          {t('forms.idle.signOut')}
        </Button>,
        <Button key="stay" type="primary" onClick={() => void refresh()}>
          {t('forms.idle.stay')}
        </Button>,
      ]}
    >
      <p role="timer" aria-live="off">
        {t('forms.idle.text', { time: `${minutes}:${seconds}` })}
      </p>
      <p>{t('forms.idle.draftKept')}</p>
    </Modal>
  );
}
