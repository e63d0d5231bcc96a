import { Alert, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Signing out deletes the phone's offline store, and with it visits not yet sent: said before it
 * happens, with their number, and staying signed in is the default (the visits go when the
 * network returns). Loaded only when there are such visits.
 */
export default function UnsentVisitsDialog({
  unsent,
  everywhere,
  onConfirm,
  onCancel,
}: {
  unsent: number;
  everywhere: boolean;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t('grassroots.offline.signOutTitle', { count: unsent })}
      okText={t('grassroots.offline.signOutDiscard', { count: unsent })}
      cancelText={t('grassroots.offline.signOutStay')}
      okButtonProps={{ danger: true }}
      cancelButtonProps={{ type: 'primary', autoFocus: true }}
      confirmLoading={busy}
      closable={{ 'aria-label': t('common.close') }}
      onCancel={onCancel}
      onOk={() => {
        setBusy(true);
        void onConfirm().finally(() => setBusy(false));
      }}
    >
      <Alert type="warning" showIcon message={t('grassroots.offline.signOutBody', { count: unsent })} />
      {everywhere && <p>{t('account.signOutEverywhereBody')}</p>}
    </Modal>
  );
}
