import { Alert, DatePicker, Form, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { QueryForm } from '../../../app/list/QueryForm';
import { TableFrame } from '../../../app/list/TableFrame';
import { useListParams } from '../../../app/list/useListParams';
import { DivisionPicker } from '../../divisions/DivisionPicker';
import { type ComplianceRow, useCompliance } from '../reportsApi';

const filterKeys = ['from', 'to', 'within'] as const;

/** The form holds ISO dates (as the address and the API do); the picker shows them. */
const isoDateField = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null) => value?.format('YYYY-MM-DD'),
};

export function delayText(minutes: number | null, t: TFunction): string {
  if (minutes === null) return '—';
  if (minutes < 60) return t('reports.compliance.minutes', { count: minutes });
  if (minutes < 48 * 60) return t('reports.compliance.hours', { count: Math.round(minutes / 6) / 10 });
  return t('reports.compliance.days', { count: Math.round(minutes / 144) / 10 });
}

/** 强制报告履责: how long each reporting organisation took between knowing and reporting. */
export default function CompliancePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ from?: string; to?: string; within?: string }>();
  const list = useListParams(filterKeys);
  const rows = useCompliance(list.filters);

  const columns: TableColumnsType<ComplianceRow> = [
    {
      key: 'org',
      title: t('reports.compliance.organisation'),
      render: (_, row) => row.organisationName || t('reports.compliance.noOrganisation'),
    },
    { key: 'reports', title: t('reports.compliance.reports'), align: 'right', render: (_, row) => row.reports },
    {
      key: 'withKnewAt',
      title: t('reports.compliance.withKnewAt'),
      align: 'right',
      render: (_, row) => row.withKnewAt,
    },
    {
      key: 'median',
      title: t('reports.compliance.median'),
      align: 'right',
      render: (_, row) => delayText(row.medianDelayMinutes, t),
    },
    {
      key: 'max',
      title: t('reports.compliance.max'),
      align: 'right',
      render: (_, row) => delayText(row.maxDelayMinutes, t),
    },
    {
      key: 'over24h',
      title: t('reports.compliance.over24h'),
      align: 'right',
      render: (_, row) => (row.over24h > 0 ? <span className="haven-case-late">⚠ {row.over24h}</span> : row.over24h),
    },
  ];

  return (
    <>
      <QueryForm
        form={form}
        label={t('list.queryLabel')}
        initial={list.filters}
        onSearch={(values) => list.search(values)}
        onReset={() => list.search({})}
      >
        <Form.Item name="from" label={t('reports.compliance.from')} {...isoDateField}>
          <DatePicker format={t('format.date')} />
        </Form.Item>
        <Form.Item name="to" label={t('reports.compliance.to')} {...isoDateField}>
          <DatePicker format={t('format.date')} />
        </Form.Item>
        <Form.Item name="within" label={t('reports.compliance.within')} className="haven-query-wide">
          <DivisionPicker />
        </Form.Item>
      </QueryForm>
      <section className="haven-list" aria-label={t('list.resultsLabel')}>
        <p className="haven-secondary">{t('reports.compliance.intro')}</p>
        {rows.isError && (
          <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(rows.error, t)} />
        )}
        <TableFrame label={t('list.tableLabel')}>
          <Table<ComplianceRow>
            rowKey={(row) => row.organisationId || row.organisationName}
            columns={columns}
            dataSource={rows.data ?? []}
            loading={rows.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('reports.compliance.empty') }}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          />
        </TableFrame>
      </section>
    </>
  );
}
