import { CameraOutlined, DownloadOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import type { DocumentView } from '@contract/documents/views.js';
import {
  type DocumentType,
  documentTypeCodes,
  documentTypes,
  locationOutcomes,
} from '@contract/documents/vocabulary.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, List, Modal, Select, Spin, Switch, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDateTime } from '../../app/format';
import { useNotice } from '../../app/notice/useNotice';
import {
  documentKeys,
  downloadUrl,
  purgeDocument,
  uploadDocument,
  useChildDocuments,
  withdrawDocument,
} from './documentsApi';
import './documents.css';

type Labelled = { zh: string; en: string };
const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Asks for the reason of a withdrawal or a purge; the reason is kept with the document. */
function ReasonDialog({
  title,
  onSubmit,
  onClose,
}: {
  title: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <Modal
      open
      title={title}
      okText={t('documents.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: reason.trim().length < 2, loading: busy }}
      onCancel={onClose}
      onOk={async () => {
        setBusy(true);
        try {
          await onSubmit(reason.trim());
          onClose();
        } catch (cause) {
          setError(cause);
        } finally {
          setBusy(false);
        }
      }}
    >
      <label className="haven-documents-reason">
        {t('documents.reason')}
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={3} />
      </label>
      {error !== undefined && <Alert type="error" showIcon message={describeApiError(error, t)} />}
    </Modal>
  );
}

/** The documents on a child's file (issue 16): list, upload with a type (the camera on a phone), download, withdraw. */
export function DocumentsPanel({ childId }: { childId: string }) {
  const { t, i18n } = useTranslation();
  const label = (entry: Labelled) => (i18n.language === 'en' ? entry.en : entry.zh);
  const queryClient = useQueryClient();
  const [showWithdrawn, setShowWithdrawn] = useState(false);
  const documents = useChildDocuments(childId, showWithdrawn);
  const [type, setType] = useState<DocumentType>('photo');
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>();
  const [dialog, setDialog] = useState<{ kind: 'withdraw' | 'purge'; document: DocumentView }>();
  const notice = useNotice();
  const input = useRef<HTMLInputElement>(null);
  // One key per chosen file, kept until it is stored: sending the same file again stores one document.
  const pending = useRef<{ file: File; key: string }>(undefined);
  const refresh = () => queryClient.invalidateQueries({ queryKey: documentKeys.all(childId) });

  async function send(file: File) {
    if (pending.current?.file !== file) pending.current = { file, key: crypto.randomUUID() };
    setUploading(true);
    setUploadError(undefined);
    try {
      await uploadDocument(childId, file, type, pending.current.key);
      pending.current = undefined;
      notice.success(t('documents.uploaded'));
      await refresh();
    } catch (cause) {
      setUploadError(cause);
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  }

  if (documents.isPending) return <Spin />;
  if (documents.isError) {
    const notShared = documents.error instanceof ApiError && documents.error.code === 'documents.not_shared';
    return (
      <Alert
        type={notShared ? 'info' : 'error'}
        showIcon
        message={notShared ? t('documents.notShared') : t('documents.loadFailed')}
        description={notShared ? undefined : describeApiError(documents.error, t)}
      />
    );
  }
  const { items, canUpload, canPurge, maxBytes, sharedOnly } = documents.data;
  const photo = type === 'photo';
  return (
    <section className="haven-documents" aria-label={t('documents.title')}>
      {sharedOnly && <Alert type="info" showIcon message={t('documents.sharedOnly')} />}
      {canUpload && (
        <div className="haven-documents-upload">
          <Select
            aria-label={t('documents.type')}
            value={type}
            onChange={setType}
            options={documentTypeCodes.map((code) => ({ value: code, label: label(documentTypes[code]) }))}
            className="haven-documents-type"
          />
          <input
            ref={input}
            type="file"
            hidden
            data-testid="document-file"
            accept={photo ? 'image/*' : 'application/pdf,image/*'}
            {...(photo ? { capture: 'environment' } : {})}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void send(file);
            }}
          />
          <Button
            type="primary"
            icon={photo ? <CameraOutlined /> : <UploadOutlined />}
            loading={uploading}
            onClick={() => input.current?.click()}
          >
            {photo ? t('documents.takePhoto') : t('documents.upload')}
          </Button>
          <p className="haven-secondary">{t('documents.limits', { size: sizeText(maxBytes) })}</p>
          {uploadError !== undefined && (
            <Alert
              type="error"
              showIcon
              message={t('documents.uploadFailed')}
              description={describeApiError(uploadError, t)}
            />
          )}
        </div>
      )}
      <label className="haven-documents-toggle">
        <Switch size="small" checked={showWithdrawn} onChange={setShowWithdrawn} />
        {t('documents.showWithdrawn')}
      </label>
      {items.length === 0 ? (
        <Empty description={t('documents.empty')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(document) => (
            <List.Item
              className={document.withdrawn ? 'haven-documents-withdrawn' : undefined}
              actions={[
                !document.purged && (
                  <a key="download" href={downloadUrl(document.id)} download={document.fileName}>
                    <DownloadOutlined aria-hidden /> {t('documents.download')}
                  </a>
                ),
                // What a referral shared is read, not withdrawn, by its receiver (the server refuses it too).
                canUpload && !sharedOnly && !document.withdrawn && (
                  <Button key="withdraw" size="small" onClick={() => setDialog({ kind: 'withdraw', document })}>
                    {t('documents.withdraw')}
                  </Button>
                ),
                canPurge && document.withdrawn && !document.purged && (
                  <Button key="purge" size="small" danger onClick={() => setDialog({ kind: 'purge', document })}>
                    {t('documents.purge')}
                  </Button>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                avatar={<FileTextOutlined aria-hidden />}
                title={
                  <>
                    <Tag color="blue">{label(documentTypes[document.type])}</Tag>
                    <span className="haven-documents-name">{document.title ?? document.fileName}</span>
                  </>
                }
                description={
                  <>
                    <span>
                      {t('documents.by', {
                        name: document.uploaded.name,
                        organisation: document.uploaded.organisation ?? '',
                        at: formatDateTime(document.uploaded.at, t),
                      })}{' '}
                      · {sizeText(document.sizeBytes)}
                    </span>
                    {document.location !== 'none' && (
                      <Tag color={document.location === 'removed' ? 'success' : 'warning'}>
                        {label(locationOutcomes[document.location])}
                      </Tag>
                    )}
                    {document.withdrawn && (
                      <span className="haven-documents-note">
                        {t('documents.withdrawnNote', {
                          name: document.withdrawn.name,
                          at: formatDateTime(document.withdrawn.at, t),
                          reason: document.withdrawn.reason,
                        })}
                      </span>
                    )}
                    {document.purged && (
                      <span className="haven-documents-note">
                        {t('documents.purgedNote', {
                          at: formatDateTime(document.purged.at, t),
                          reason: document.purged.reason,
                        })}
                      </span>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {dialog && (
        <ReasonDialog
          title={t(dialog.kind === 'withdraw' ? 'documents.withdrawTitle' : 'documents.purgeTitle', {
            name: dialog.document.fileName,
          })}
          onClose={() => setDialog(undefined)}
          onSubmit={async (reason) => {
            if (dialog.kind === 'withdraw') await withdrawDocument(dialog.document.id, reason, dialog.document.version);
            else await purgeDocument(dialog.document.id, reason);
            await refresh();
          }}
        />
      )}
    </section>
  );
}
