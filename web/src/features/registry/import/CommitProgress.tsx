import { Button, Progress, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isFinished, type LedgerImport } from '../api/importApi';

interface CommitProgressProps {
  batch: LedgerImport;
  checking: boolean;
  /** Dry-run the file again (after a commit: shows that nothing new would be made). */
  onCheck: () => void;
  onAgain: () => void;
  onList: () => void;
}

/** Step 4: the commit job's progress, then what it did. */
export function CommitProgress({ batch, checking, onCheck, onAgain, onList }: CommitProgressProps) {
  const { t } = useTranslation();
  const { rowsDone, rowsTotal, createdChildren } = batch.progress;
  if (!isFinished(batch.status)) {
    const percent = rowsTotal ? Math.round((rowsDone / rowsTotal) * 100) : 0;
    return (
      <div role="status">
        <p>{t('registry.import.committing', { done: rowsDone, total: rowsTotal ?? '…' })}</p>
        <Progress percent={percent} aria-label={t('registry.import.progress')} />
      </div>
    );
  }
  if (batch.status === 'failed') {
    return (
      <Result
        status="error"
        title={t('registry.import.failed')}
        subTitle={batch.lastError ?? ''}
        extra={<Button onClick={onAgain}>{t('registry.import.again')}</Button>}
      />
    );
  }
  return (
    <Result
      status="success"
      title={t('registry.import.done')}
      subTitle={
        <span role="status">
          {t('registry.import.doneText', {
            created: createdChildren,
            skipped: batch.counts?.alreadyRegistered ?? 0,
            problems: batch.counts?.problems ?? 0,
          })}
        </span>
      }
      extra={[
        <Button key="list" type="primary" onClick={onList}>
          {t('registry.import.toList')}
        </Button>,
        <Button key="check" loading={checking} onClick={onCheck}>
          {t('registry.import.checkAgain')}
        </Button>,
        <Button key="again" onClick={onAgain}>
          {t('registry.import.again')}
        </Button>,
      ]}
    />
  );
}
