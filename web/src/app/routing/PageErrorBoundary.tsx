import { Button } from 'antd';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractViolationError } from '../api/contract';
import { PageMessage } from './PageMessage';

function PageLoadFailed({ contractPath }: { contractPath: string | null }) {
  const { t } = useTranslation();
  return (
    <PageMessage
      title={contractPath === null ? t('page.loadFailedTitle') : t('page.contractFailedTitle')}
      body={contractPath === null ? t('page.loadFailedBody') : t('page.contractFailedBody', { path: contractPath })}
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
  contractPath: string | null;
}

/**
 * On a weak signal a page's code can fail to download: offer a reload instead of a blank page.
 * An answer the contract does not describe (client and server out of step) is named as such.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false, contractPath: null };

  static getDerivedStateFromError(error: unknown): State {
    return { failed: true, contractPath: error instanceof ContractViolationError ? error.path : null };
  }

  override render() {
    return this.state.failed ? <PageLoadFailed contractPath={this.state.contractPath} /> : this.props.children;
  }
}
