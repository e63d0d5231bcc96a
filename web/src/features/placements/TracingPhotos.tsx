import { CameraOutlined, DownloadOutlined } from '@ant-design/icons';
import { locationOutcomes } from '@contract/documents/vocabulary.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDateTime } from '../../app/format';
import { uploadTracingPhoto, useTracingPhotos } from './tracingApi';

/**
 * The photos of a tracing request (what the child looked like when found): documents of the child's
 * file owned by the request, with the file's access; location data is removed on upload.
 */
export function TracingPhotos({ childId, tracingId, canAdd }: { childId: string; tracingId: string; canAdd: boolean }) {
  const { t, i18n } = useTranslation();
  const photos = useTracingPhotos(childId, tracingId);
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const pending = useRef<{ file: File; key: string }>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();

  async function send(file: File) {
    if (pending.current?.file !== file) pending.current = { file, key: crypto.randomUUID() };
    setBusy(true);
    setProblem(undefined);
    try {
      await uploadTracingPhoto(childId, tracingId, file, pending.current.key);
      pending.current = undefined;
      await queryClient.invalidateQueries({ queryKey: ['placements', 'tracing', tracingId, 'photos'] });
    } catch (cause) {
      setProblem(cause);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  const label = (entry: { zh: string; en: string }) => (i18n.language === 'en' ? entry.en : entry.zh);
  return (
    <Card title={t('placements.tracing.photos')}>
      {canAdd && photos.data?.canUpload && (
        <>
          <input
            ref={input}
            type="file"
            hidden
            data-testid="tracing-photo"
            accept="image/*"
            capture="environment"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void send(file);
            }}
          />
          <Button icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()}>
            {t('placements.tracing.addPhoto')}
          </Button>
        </>
      )}
      {problem !== undefined && <Alert type="error" showIcon role="alert" message={describeApiError(problem, t)} />}
      {photos.isError && <Alert type="info" showIcon message={describeApiError(photos.error, t)} />}
      <List
        loading={photos.isPending}
        dataSource={photos.data?.items ?? []}
        locale={{ emptyText: t('placements.tracing.noPhotos') }}
        renderItem={(photo) => (
          <List.Item
            actions={[
              <Button
                key="download"
                icon={<DownloadOutlined aria-hidden />}
                href={`/api/documents/${encodeURIComponent(photo.id)}/content`}
                download={photo.fileName}
              >
                {t('placements.tracing.download')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={photo.fileName}
              description={
                <>
                  <Tag color={photo.location === 'not_checked' ? 'warning' : undefined}>
                    {label(locationOutcomes[photo.location])}
                  </Tag>
                  {photo.uploaded.name} · {formatDateTime(photo.uploaded.at, t)}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
