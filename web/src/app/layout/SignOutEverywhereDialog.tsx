import { Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks before ending every session of this person; loaded only when asked (keeps Modal out of the first download). */
export default function SignOutEverywhereDialog({
  onConfirm,
  onCancel,
}: {
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t('account.signOutEverywhereTitle')}
      okText={t('account.signOutEverywhere')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      closable={{ 'aria-label': t('common.close') }}
      onCancel={onCancel}
      onOk={() => {
        setBusy(true);
        void onConfirm().finally(() => setBusy(false));
      }}
    >
      <p>{t('account.signOutEverywhereBody')}</p>
    </Modal>
  );
}
