import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Select, Space, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useColumnSettings } from '../../app/list/useColumnSettings';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { formatDateTime } from '../../app/format';
import { QueryForm } from '../../app/list/QueryForm';
import { ListOrCards, RowCard } from '../../app/list/ListOrCards';
import { useListParams } from '../../app/list/useListParams';
import { useNotice } from '../../app/notice/useNotice';
import { actionOptions, actionText, actorText, ChildText, EntityText } from './auditLabels';
import { downloadAuditExport, useAuditSearch, type AuditEntry, type AuditFilters } from './auditApi';

const filterKeys = ['actor', 'action', 'childCode', 'outcome', 'from', 'to'] as const;
const havenCode = /^HV[0-9A-Z]{4,30}$/i;
const day = 'YYYY-MM-DD';

interface FormValues {
  actor?: string;
  action?: string;
  childCode?: string;
  outcome?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function Outcome({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  // Colour, icon and words together.
  if (outcome === 'ok')
    return (
      <span className="haven-outcome haven-outcome-ok">
        <CheckCircleFilled aria-hidden /> {t('audit.outcome.ok')}
      </span>
    );
  if (outcome === 'denied')
    return (
      <span className="haven-outcome haven-outcome-denied">
        <CloseCircleFilled aria-hidden /> {t('audit.outcome.denied')}
      </span>
    );
  if (outcome === 'failed')
    return (
      <span className="haven-outcome haven-outcome-failed">
        <ExclamationCircleFilled aria-hidden /> {t('audit.outcome.failed')}
      </span>
    );
  return <span>{outcome}</span>;
}

function ActionText({ action }: { action: string }) {
  const { t } = useTranslation();
  return <span title={action}>{actionText(t, action)}</span>;
}

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('; ');
}

/**
 * 审计日志: who did what, when, to which record. Search by person, action, child and dates; the
 * matching entries download as Excel for those allowed to export. Searching is itself recorded.
 */
export default function AuditLogPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [form] = Form.useForm<FormValues>();
  const list = useListParams(filterKeys);
  const filters: AuditFilters = list.filters;
  const search = useAuditSearch(filters, list.page, true);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const notice = useNotice();

  const initial: FormValues = {
    actor: filters.actor,
    action: filters.action,
    childCode: filters.childCode,
    outcome: filters.outcome,
    range:
      filters.from || filters.to
        ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
        : null,
  };

  async function exportExcel() {
    setExporting(true);
    setExportError(null);
    try {
      const result = await downloadAuditExport(filters);
      void notice.success(
        result.truncated
          ? t('audit.exportTruncated', { count: result.rows })
          : t('audit.exported', { count: result.rows }),
      );
    } catch (error) {
      setExportError(describeApiError(error, t));
    } finally {
      setExporting(false);
    }
  }

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'time',
      title: t('audit.time'),
      render: (_, entry) => <span className="haven-nowrap">{formatDateTime(entry.occurredAt, t)}</span>,
    },
    { key: 'actor', title: t('audit.actor'), render: (_, entry) => actorText(t, entry.actorLabel) },
    { key: 'action', title: t('audit.action'), render: (_, entry) => <ActionText action={entry.action} /> },
    { key: 'outcome', title: t('audit.outcomeLabel'), render: (_, entry) => <Outcome outcome={entry.outcome} /> },
    { key: 'entity', title: t('audit.entity'), render: (_, entry) => <EntityText entry={entry} /> },
    { key: 'child', title: t('audit.child'), render: (_, entry) => <ChildText entry={entry} /> },
    { key: 'ip', title: t('audit.ip'), render: (_, entry) => entry.ip ?? '—' },
    {
      key: 'details',
      title: t('audit.details'),
      render: (_, entry) => <span className="haven-audit-details">{detailsText(entry.details)}</span>,
    },
  ];
  const columnSettings = useColumnSettings('audit', columns);

  return (
    <>
      <QueryForm<FormValues>
        form={form}
        label={t('list.queryLabel')}
        initial={initial}
        onSearch={(values) =>
          list.search({
            actor: values.actor?.trim(),
            action: values.action?.trim(),
            childCode: values.childCode?.trim(),
            outcome: values.outcome,
            from: values.range?.[0]?.format(day),
            to: values.range?.[1]?.format(day),
          })
        }
        onReset={() => list.search({})}
      >
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear maxLength={100} placeholder={t('audit.actorPlaceholder')} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.actionAny')}
            options={actionOptions(t)}
          />
        </Form.Item>
        <Form.Item
          name="childCode"
          label={t('audit.childCode')}
          rules={[{ pattern: havenCode, message: t('audit.childCodeFormat') }]}
        >
          <Input
            allowClear
            placeholder={t('audit.childCodePlaceholder')}
            spellCheck={false}
            autoCapitalize="characters"
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('audit.outcomeLabel')}>
          <Select
            allowClear
            placeholder={t('list.any')}
            options={(['ok', 'denied', 'failed'] as const).map((outcome) => ({
              value: outcome,
              label: t(`audit.outcome.${outcome}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t('audit.range')} className="haven-query-wide">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('audit.from'), t('audit.to')]}
            className="haven-full-width"
          />
        </Form.Item>
      </QueryForm>
      <section className="haven-list" aria-label={t('list.resultsLabel')}>
        <div className="haven-toolbar">
          <p className="haven-list-count" role="status">
            {search.data ? t('list.total', { count: search.data.total }) : ''}
          </p>
          <Space wrap>
            {columnSettings.control}
            {can('audit.export') && (
              <Button icon={<FileExcelOutlined aria-hidden />} loading={exporting} onClick={() => void exportExcel()}>
                {t('audit.export')}
              </Button>
            )}
          </Space>
        </div>
        {exportError && (
          <Alert
            type="error"
            showIcon
            message={t('audit.exportFailed')}
            description={exportError}
            className="haven-form-alert"
          />
        )}
        {search.isError && (
          <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(search.error, t)} />
        )}
        <ListOrCards<AuditEntry>
          label={t('list.tableLabel')}
          rowKey="id"
          columns={columnSettings.columns}
          dataSource={search.data?.rows ?? []}
          loading={search.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: list.page,
            pageSize: search.data?.pageSize ?? 20,
            total: search.data?.total ?? 0,
            onChange: list.setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
          card={(entry) => (
            <RowCard
              title={
                <>
                  <ActionText action={entry.action} /> <Outcome outcome={entry.outcome} />
                </>
              }
              lines={[
                [t('audit.time'), formatDateTime(entry.occurredAt, t)],
                [t('audit.actor'), actorText(t, entry.actorLabel)],
                [t('audit.entity'), <EntityText key="entity" entry={entry} />],
                [t('audit.child'), <ChildText key="child" entry={entry} />],
              ]}
            />
          )}
        />
      </section>
    </>
  );
}
