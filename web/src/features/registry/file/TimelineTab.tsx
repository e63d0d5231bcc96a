import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Spin, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { formatDateTime } from '../../../app/format';
import { fileCommands, useRefreshChild, type ChildFile } from '../api/fileApi';
type Obj = Record<string, unknown>;
import { useTimeline, type TimelineEntry } from '../api/timelineApi';
import { codeText } from '../labels';
import { useAuth } from '../../../app/auth/AuthProvider';
import { useChildCases } from '../api/childCasesApi';
import { CasesAndReports, EntryRecord } from './CasesAndReports';
import { fieldValueText, timelineKindText } from './timelineText';
import { ReasonModal } from '../ReasonModal';

function Changes({ before, after }: { before: Obj | null; after: Obj | null }) {
  const { t } = useTranslation();
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (key) => key !== 'version',
  );
  if (keys.length === 0) return null;
  return (
    <ul className="haven-situations">
      {keys.map((key) => (
        <li key={key}>
          {codeText(t, `registry.field.${key}`)}: <del>{fieldValueText(t, key, before?.[key])}</del> →{' '}
          <ins>{fieldValueText(t, key, after?.[key])}</ins>
        </li>
      ))}
    </ul>
  );
}

/** Everything that happened to the child, newest first; a change to the file can be restored, with a reason. */
export function TimelineTab({ file, canRestore }: { file: ChildFile; canRestore: boolean }) {
  const { t } = useTranslation();
  const timeline = useTimeline(file.id);
  const refresh = useRefreshChild();
  const [restoring, setRestoring] = useState<TimelineEntry | null>(null);
  const { can } = useAuth();
  const cases = useChildCases(file.havenCode, can('cases.read'));
  const caseNumbers = new Map((cases.data?.items ?? []).map((item) => [item.id, item.caseNo]));

  if (timeline.isPending) return <Spin />;
  if (timeline.isError)
    return (
      <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(timeline.error, t)} />
    );
  const reports = timeline.data.filter((entry) => entry.kind === 'report.received');
  return (
    <>
      <CasesAndReports cases={cases.data?.items} received={reports} showCases={can('cases.read')} />
      {timeline.data.length === 0 && <Empty description={t('registry.timeline.empty')} />}
      <Timeline
        className="haven-timeline"
        items={timeline.data.map((entry) => ({
          key: entry.id,
          children: (
            <div>
              <p>
                <strong>{timelineKindText(t, entry.kind)}</strong>
                <EntryRecord entry={entry} caseNumbers={caseNumbers} />
                <span className="haven-secondary">
                  {' '}
                  · {formatDateTime(entry.occurredAt, t)} · {entry.actor}
                </span>
              </p>
              {entry.reason && (
                <p>
                  {t('registry.reason')}: {entry.reason}
                </p>
              )}
              <Changes before={entry.before} after={entry.after} />
              {canRestore && entry.restorable && (
                <Button
                  size="small"
                  icon={<HistoryOutlined aria-hidden />}
                  className="haven-no-print"
                  onClick={() => setRestoring(entry)}
                >
                  {t('registry.timeline.restore')}
                </Button>
              )}
            </div>
          ),
        }))}
      />
      <ReasonModal
        open={restoring !== null}
        title={t('registry.timeline.restoreTitle')}
        description={t('registry.timeline.restoreText', {
          when: restoring ? formatDateTime(restoring.occurredAt, t) : '',
        })}
        okText={t('registry.timeline.restore')}
        onClose={() => setRestoring(null)}
        onSubmit={async ({ reason }) => {
          if (!restoring) return;
          await fileCommands.restore(file.id, restoring.id, { reason });
          await refresh(file.id);
        }}
      />
    </>
  );
}
