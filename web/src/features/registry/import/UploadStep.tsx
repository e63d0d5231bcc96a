import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { uploadLedger, type LedgerImport } from '../api/importApi';

const maxBytes = 50 * 1024 * 1024;

/** Step 1: the ledger file (.xlsx or .csv) as the township keeps it. */
export function UploadStep({ onUploaded }: { onUploaded: (batch: LedgerImport) => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  function choose(chosen: File | undefined) {
    setProblem(null);
    setFile(null);
    if (!chosen) return;
    if (!/\.(xlsx|csv)$/i.test(chosen.name)) setProblem(t('registry.import.wrongType', { name: chosen.name }));
    else if (chosen.size > maxBytes) setProblem(t('registry.import.tooLarge', { name: chosen.name }));
    else setFile(chosen);
  }

  async function send() {
    if (!file) return;
    setSending(true);
    setProblem(null);
    try {
      onUploaded(await uploadLedger(file));
    } catch (error) {
      setProblem(describeApiError(error, t));
    } finally {
      setSending(false);
    }
  }

  return (
    <section aria-label={t('registry.import.steps.upload')}>
      <p>{t('registry.import.uploadIntro')}</p>
      <label id={`${inputId}-label`} htmlFor={inputId} className="haven-field-label">
        {t('registry.import.file')}
      </label>
      <input
        id={inputId}
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        className="haven-upload-input"
        onChange={(event) => choose(event.target.files?.[0])}
        aria-describedby={`${inputId}-hint`}
      />
      <p id={`${inputId}-hint`} className="haven-hint">
        {t('registry.import.fileHint')}
      </p>
      {problem && <Alert type="error" showIcon role="alert" className="haven-form-alert" message={problem} />}
      <div className="haven-section-actions">
        <Button
          type="primary"
          icon={<UploadOutlined aria-hidden />}
          disabled={!file}
          loading={sending}
          onClick={() => void send()}
        >
          {t('registry.import.upload')}
        </Button>
      </div>
    </section>
  );
}
