import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="haven-page-loading" role="status">
      <Spin />
      <span>{t('page.loading')}</span>
    </div>
  );
}
