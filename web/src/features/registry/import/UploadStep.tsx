import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { ledgerFields } from '@contract/registry/ledger.js';
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
  const [dragging, setDragging] = useState(false);

  /** An empty ledger with the columns the import recognises at once, in the reader's language (UTF-8 with BOM, for Excel). */
  function downloadTemplate() {
    const header = ledgerFields.map((field) => t(`registry.ledgerField.${field}`)).join(',');
    const url = URL.createObjectURL(new Blob([`\uFEFF${header}\r\n`], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${t('registry.import.templateName')}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

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
      {/* The whole area is the file input's label: a click opens the file chooser, a file dropped on it is taken. */}
      <label
        id={`${inputId}-label`}
        htmlFor={inputId}
        className={dragging ? 'haven-dropzone haven-dropzone-over' : 'haven-dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          choose(event.dataTransfer.files[0]);
        }}
      >
        <InboxOutlined aria-hidden className="haven-dropzone-icon" />
        <span className="haven-field-label">{t('registry.import.file')}</span>
        <span>{file ? file.name : t('registry.import.dropHere')}</span>
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
        {t('registry.import.fileHint')}{' '}
        <Button type="link" icon={<DownloadOutlined aria-hidden />} onClick={downloadTemplate}>
          {t('registry.import.downloadTemplate')}
        </Button>
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
