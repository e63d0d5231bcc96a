import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageMessage } from './PageMessage';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <PageMessage
      title="404"
      body={t('page.notFoundBody')}
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
