import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Spin, Steps } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { describeApiError } from '../../../app/api/describeApiError';
import { formatDateTime } from '../../../app/format';
import { commitImport, dryRun, useImport, type DryRunReport, type LedgerImport } from '../api/importApi';
import '../registry.css';
import { CommitProgress } from './CommitProgress';
import { MappingStep } from './MappingStep';
import { ReportStep } from './ReportStep';
import { UploadStep } from './UploadStep';

type Step = 'upload' | 'mapping' | 'report' | 'commit';
const steps: Step[] = ['upload', 'mapping', 'report', 'commit'];
const committed = (batch: LedgerImport) => batch.status === 'committing' || batch.status === 'committed';

/** 导入: upload → column mapping → dry run → commit with progress → result. The import's id stays in the address, so a reload resumes it. */
export default function ImportWizardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const id = params.get('import') ?? undefined;
  const [chosen, setChosen] = useState<Step | null>(null);
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // The same file uploaded again answers with its earlier, committed batch.
  const [seenBefore, setSeenBefore] = useState(false);
  const batch = useImport(id, chosen === 'commit');
  const current = batch.data;
  // Opened from the address (a reload): the batch's own state says where to go on.
  const step: Step = chosen ?? (!id ? 'upload' : current && committed(current) ? 'commit' : 'mapping');

  const remember = (saved: LedgerImport) => queryClient.setQueryData(['imports', saved.id], saved);
  const startOver = () => {
    setParams({});
    setReport(null);
    setFailure(null);
    setSeenBefore(false);
    setChosen('upload');
  };
  async function check(batchId: string) {
    setChecking(true);
    setFailure(null);
    try {
      setReport(await dryRun(batchId));
      await queryClient.invalidateQueries({ queryKey: ['imports', batchId] });
      setChosen('report');
    } catch (error) {
      setFailure(describeApiError(error, t));
    } finally {
      setChecking(false);
    }
  }

  let body: ReactNode;
  if (step === 'upload') {
    body = (
      <UploadStep
        onUploaded={(uploaded) => {
          remember(uploaded);
          setParams({ import: uploaded.id }, { replace: true });
          setSeenBefore(committed(uploaded));
          setChosen(committed(uploaded) ? 'commit' : 'mapping');
        }}
      />
    );
  } else if (!current) {
    body = batch.isError ? (
      <Alert
        type="error"
        showIcon
        message={t('registry.import.lost')}
        action={<Button onClick={startOver}>{t('registry.import.startOver')}</Button>}
      />
    ) : (
      <Spin />
    );
  } else if (step === 'report' && report) {
    body = (
      <ReportStep
        batch={current}
        report={report}
        onBack={() => setChosen(committed(current) ? 'commit' : 'mapping')}
        onCommit={async () => {
          remember(await commitImport(current.id));
          setChosen('commit');
        }}
      />
    );
  } else if (committed(current)) {
    body = (
      <>
        {seenBefore && current.committedAt && (
          <Alert
            type="info"
            showIcon
            className="haven-form-alert"
            message={t('registry.import.committedAt', { when: formatDateTime(current.committedAt, t) })}
          />
        )}
        <CommitProgress
          batch={current}
          checking={checking}
          onCheck={() => void check(current.id)}
          onAgain={startOver}
          onList={() => void navigate('/registry')}
        />
      </>
    );
  } else {
    body = (
      <MappingStep
        key={`${current.id}-${current.version}`}
        batch={current}
        onBack={startOver}
        onSaved={async (saved) => {
          remember(saved);
          if (saved.headerRow !== current.headerRow || saved.sheet !== current.sheet) return;
          await check(saved.id);
        }}
      />
    );
  }

  return (
    <div className="haven-list">
      <Steps
        className="haven-wizard-steps"
        size="small"
        current={steps.indexOf(step)}
        items={steps.map((key) => ({ title: t(`registry.import.steps.${key}`) }))}
        responsive
      />
      {current && step !== 'upload' && (
        <p className="haven-secondary">{t('registry.import.fileName', { name: current.fileName })}</p>
      )}
      {failure && <Alert type="error" showIcon role="alert" className="haven-form-alert" message={failure} />}
      {body}
    </div>
  );
}
