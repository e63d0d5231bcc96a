import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../app/CopyButton';

/** A temporary password, shown once, to hand over in person; the owner must change it at first sign-in. */
export function OneTimePasswordModal({
  shown,
  onClose,
}: {
  shown: { name: string; password: string; pendingRoles?: string[] } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={shown !== null}
      title={t('users.oneTimeTitle', { name: shown?.name ?? '' })}
      onOk={onClose}
      onCancel={onClose}
      okText={t('users.oneTimeDone')}
      cancelButtonProps={{ style: { display: 'none' } }}
      closable={{ 'aria-label': t('common.close') }}
    >
      <Alert type="warning" showIcon role="note" message={t('users.oneTimeOnce')} className="haven-form-alert" />
      <Typography.Paragraph>{t('users.oneTimeLabel')}</Typography.Paragraph>
      <p className="haven-secret-text">
        <code data-testid="one-time-password">{shown?.password}</code>
      </p>
      <CopyButton text={shown?.password ?? ''} label={t('enrol.copySecret')} />
      {shown?.pendingRoles && shown.pendingRoles.length > 0 && (
        <Alert
          type="info"
          showIcon
          role="note"
          message={t('users.grants.pendingAfterCreate', {
            roles: shown.pendingRoles.join(t('users.grants.roleSeparator')),
          })}
          className="haven-form-alert haven-pending-after-create"
        />
      )}
    </Modal>
  );
}
