import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageMessage } from './PageMessage';

/** Opened by address without the permission the page needs. */
export function NoAccessPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <PageMessage
      title="403"
      body={t('page.noAccessBody')}
      action={
        <Button
          type="primary"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            void navigate('/');
          }}
        >
          {t('page.backHome')}
        </Button>
      }
    />
  );
}
