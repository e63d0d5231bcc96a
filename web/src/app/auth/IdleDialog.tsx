import { Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/** The idle warning's dialog (IdleWarning.tsx): the time left, stay signed in or sign out. */
export default function IdleDialog({
  secondsLeft,
  onStay,
  onSignOut,
}: {
  secondsLeft: number;
  onStay: () => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
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
        <Button key="out" onClick={onSignOut}>
          {t('forms.idle.signOut')}
        </Button>,
        <Button key="stay" type="primary" onClick={onStay}>
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
