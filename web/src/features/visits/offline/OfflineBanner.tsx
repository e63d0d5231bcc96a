import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { syncOutbox } from './outbox';
import { useOnline, useOutbox } from './useOutbox';

/** Always in view on the visit pages: offline or not, and how many visits wait on the phone (text and icon, not colour alone). */
export function OfflineBanner() {
  const { t } = useTranslation();
  const online = useOnline();
  const items = useOutbox();
  const waiting = items.filter((i) => i.state === 'queued').length;
  if (online && waiting === 0) return null;
  return (
    <Alert
      className="haven-offline-banner"
      role="status"
      type={online ? 'info' : 'warning'}
      showIcon
      icon={online ? <CloudSyncOutlined aria-hidden /> : <DisconnectOutlined aria-hidden />}
      message={
        online
          ? t('grassroots.offline.waiting', { count: waiting })
          : t('grassroots.offline.offline', { count: waiting })
      }
      action={
        online && waiting > 0 ? (
          <Button size="small" onClick={() => void syncOutbox()}>
            {t('grassroots.offline.sendNow')}
          </Button>
        ) : undefined
      }
    />
  );
}
