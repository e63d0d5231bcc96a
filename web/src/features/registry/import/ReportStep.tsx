import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { TableFrame } from '../../../app/list/TableFrame';
import { useNotice } from '../../../app/notice/useNotice';
import { download, type DryRunReport, type ImportProblem, type LedgerImport } from '../api/importApi';
import { codeText } from '../labels';
import { ignoredList } from './MappingStep';

/** Step 3: what a commit would do, and every problem with its sheet row, column and reason. */
export function ReportStep({
  batch,
  report,
  onCommit,
  onBack,
}: {
  batch: LedgerImport;
  report: DryRunReport;
  onCommit: () => Promise<void>;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const notice = useNotice();
  const [committing, setCommitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { counts } = report;

  async function commit() {
    setCommitting(true);
    setFailure(null);
    try {
      await onCommit();
    } catch (error) {
      setFailure(describeApiError(error, t));
    } finally {
      setCommitting(false);
    }
  }

  return (
    <section aria-label={t('registry.import.steps.report')}>
      <div className="haven-stats" role="status">
        <Statistic title={t('registry.import.counts.rows')} value={counts.rows} />
        <Statistic title={t('registry.import.counts.ok')} value={counts.ok} />
        <Statistic title={t('registry.import.counts.problems')} value={counts.problems} />
        <Statistic title={t('registry.import.counts.warnings')} value={counts.warnings} />
        <Statistic title={t('registry.import.counts.alreadyRegistered')} value={counts.alreadyRegistered} />
        <Statistic title={t('registry.import.counts.duplicates')} value={counts.duplicates} />
      </div>
      {report.notices.map((item) => (
        <Alert
          key={item.code}
          type="warning"
          showIcon
          className="haven-form-alert"
          message={item.message ?? codeText(t, item.code, item.params)}
        />
      ))}
      {report.ignoredColumns.length > 0 && (
        <Alert
          type="info"
          showIcon
          className="haven-form-alert"
          message={t('registry.import.ignoredColumnsReport', { columns: ignoredList(report.ignoredColumns) })}
        />
      )}
      {failure && <Alert type="error" showIcon role="alert" className="haven-form-alert" message={failure} />}
      <div className="haven-toolbar">
        <h3>{t('registry.import.problemsTitle', { count: report.problems.length })}</h3>
        {report.problems.length > 0 && (
          <Button
            icon={<DownloadOutlined aria-hidden />}
            onClick={() =>
              void download(`/api/imports/${batch.id}/errors.xlsx`, 'errors.xlsx').catch((error: unknown) =>
                notice.error(describeApiError(error, t)),
              )
            }
          >
            {t('registry.import.errorSheet')}
          </Button>
        )}
      </div>
      <TableFrame label={t('registry.import.problemsTable')}>
        <Table<ImportProblem>
          rowKey={(problem) => `${problem.sheet}-${problem.row}-${problem.column ?? ''}-${problem.code}`}
          size="small"
          scroll={{ x: 640 }}
          dataSource={report.problems}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('registry.import.noProblems') }}
          columns={[
            { key: 'row', title: t('registry.import.row'), render: (_, problem) => problem.row },
            { key: 'column', title: t('registry.import.column'), render: (_, problem) => problem.column ?? '—' },
            {
              key: 'severity',
              title: t('registry.import.severity'),
              render: (_, problem) =>
                problem.severity === 'error' ? (
                  <Tag color="error">{t('registry.import.error')}</Tag>
                ) : (
                  <Tag color="warning">{t('registry.import.warning')}</Tag>
                ),
            },
            {
              key: 'reason',
              title: t('registry.reason'),
              render: (_, problem) => problem.message ?? codeText(t, problem.code, problem.params),
            },
          ]}
        />
      </TableFrame>
      <div className="haven-section-actions">
        <Button onClick={onBack}>{t('registry.import.backToMapping')}</Button>
        <Button type="primary" loading={committing} disabled={counts.ok === 0} onClick={() => void commit()}>
          {t('registry.import.commit', { count: counts.ok })}
        </Button>
      </div>
    </section>
  );
}
