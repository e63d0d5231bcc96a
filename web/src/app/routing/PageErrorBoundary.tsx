import { Button } from 'antd';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageMessage } from './PageMessage';

function PageLoadFailed() {
  const { t } = useTranslation();
  return (
    <PageMessage
      title={t('page.loadFailedTitle')}
      body={t('page.loadFailedBody')}
      action={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('page.reload')}
        </Button>
      }
    />
  );
}

interface State {
  failed: boolean;
}

/** On a weak signal a page's code can fail to download; offer a reload instead of a blank page. */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <PageLoadFailed /> : this.props.children;
  }
}
