import type { ParseKeys } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function useDocumentTitle(titleKey: ParseKeys): void {
  const { t } = useTranslation();
  const page = t(titleKey);
  const title = t('app.documentTitle', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
