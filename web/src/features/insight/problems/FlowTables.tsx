import { channelLabels, type FlowsResult, type ReportFlow, stayKindLabels } from '@contract/insight/flows.js';
import { Alert, Col, Row, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { TableFrame } from '../../../app/list/TableFrame';
import { labelOf, useFlows } from './problemsApi';

type ReportRow = ReportFlow & { key: string; label: string };

/**
 * The month's flow tables of a place (issue 20): reports by channel and by reporting organisation
 * with acknowledgement and emergency response in time, days from report to closure (median and
 * 90th percentile of the place and one level down), finished institution stays by kind. Suppressed cells read
 * "<5" for readers without children's files, as on the rest of the page.
 */
export function FlowTables({ within, months, month, onMonth }: FlowTablesProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const flows = useFlows(within, month);
  const data = flows.data;
  const hidden = t('insight.problems.hidden');
  const count = (value: number | null) => value ?? hidden;
  const figure = (value: number | null, suppressedBelow: number | null) =>
    value ?? (data?.suppressed && suppressedBelow === null ? hidden : '—');
  const withShare = (value: number | null, rate: number | null, over: number | null) =>
    t('insight.flows.withShare', {
      value: count(value),
      share: rate === null ? figure(rate, over) : `${rate}%`,
    });
  const days = (value: number | null) => (value === null ? '—' : value);

  const reportColumns = (first: string): ColumnsType<ReportRow> => [
    { key: 'label', title: first, render: (_, row) => row.label },
    { key: 'received', title: t('insight.flows.received'), align: 'right', render: (_, row) => count(row.received) },
    {
      key: 'ack',
      title: t('insight.flows.ackInTime'),
      align: 'right',
      render: (_, row) => withShare(row.acknowledgedInTime, row.ackRate, row.received),
    },
    {
      key: 'emergencyDue',
      title: t('insight.flows.emergencyDue'),
      align: 'right',
      render: (_, row) => count(row.emergencyDue),
    },
    {
      key: 'emergency',
      title: t('insight.flows.emergencyInTime'),
      align: 'right',
      render: (_, row) => withShare(row.emergencyInTime, row.emergencyRate, row.emergencyDue),
    },
  ];
  const organisationLabel = (row: FlowsResult['reports']['byOrganisation'][number]) =>
    row.organisationId === 'others'
      ? t('insight.flows.otherOrganisations')
      : row.organisationId === null
        ? t('insight.flows.noOrganisation')
        : (row.name ?? row.organisationId);
  const daysColumns = [
    { key: 'median', title: t('insight.flows.median'), align: 'right' as const },
    { key: 'p90', title: t('insight.flows.p90'), align: 'right' as const },
  ];

  return (
    <section className="haven-problems-flows" aria-label={t('insight.flows.title')}>
      <h2>{t('insight.flows.title')}</h2>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          aria-label={t('insight.flows.month')}
          style={{ width: 140 }}
          value={month}
          onChange={onMonth}
          options={[...months].reverse().map((value) => ({ value, label: value }))}
        />
        <span>{t('insight.flows.note')}</span>
      </Space>
      {flows.isError && <Alert type="error" showIcon message={describeApiError(flows.error, t)} />}
      <Row gutter={[24, 8]}>
        <Col xs={24} xxl={12}>
          <h3>{t('insight.flows.byChannel')}</h3>
          <TableFrame label={t('insight.flows.byChannel')}>
            <Table<ReportRow>
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              loading={flows.isFetching}
              columns={reportColumns(t('insight.flows.channel'))}
              dataSource={
                data
                  ? [
                      ...data.reports.byChannel.map((row) => ({
                        ...row,
                        key: row.channel,
                        label: labelOf(channelLabels[row.channel], language),
                      })),
                      { ...data.reports.total, key: 'total', label: t('insight.flows.total') },
                    ]
                  : []
              }
            />
          </TableFrame>
        </Col>
        <Col xs={24} xxl={12}>
          <h3>{t('insight.flows.byOrganisation')}</h3>
          <TableFrame label={t('insight.flows.byOrganisation')}>
            <Table<ReportRow>
              rowKey="key"
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              loading={flows.isFetching}
              columns={reportColumns(t('insight.flows.organisation'))}
              dataSource={(data?.reports.byOrganisation ?? []).map((row) => ({
                ...row,
                key: row.organisationId ?? 'none',
                label: organisationLabel(row),
              }))}
            />
          </TableFrame>
        </Col>
        <Col xs={24} xl={12}>
          <h3>{t('insight.flows.closure', { month: data?.month ?? month ?? '' })}</h3>
          <TableFrame label={t('insight.flows.closure', { month: data?.month ?? month ?? '' })}>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              loading={flows.isFetching}
              dataSource={
                data ? [{ ...data.closure.total, code: 'total', name: data.within.name }, ...data.closure.rows] : []
              }
              columns={[
                {
                  key: 'place',
                  title: t('insight.division'),
                  render: (_, row) =>
                    row.code === 'total'
                      ? t('insight.flows.placeTotal', { name: row.name ?? within })
                      : (row.name ?? row.code),
                },
                {
                  key: 'closed',
                  title: t('insight.flows.closed'),
                  align: 'right',
                  render: (_, row) => count(row.closed),
                },
                ...daysColumns.map((column) => ({
                  ...column,
                  render: (_: unknown, row: { medianDays: number | null; p90Days: number | null }) =>
                    days(column.key === 'median' ? row.medianDays : row.p90Days),
                })),
              ]}
            />
          </TableFrame>
          <p className="haven-flows-note">{t('insight.flows.closureNote')}</p>
        </Col>
        <Col xs={24} xl={12}>
          <h3>{t('insight.flows.stays', { month: data?.month ?? month ?? '' })}</h3>
          <TableFrame label={t('insight.flows.stays', { month: data?.month ?? month ?? '' })}>
            <Table
              rowKey="kind"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              loading={flows.isFetching}
              dataSource={data?.stays.rows ?? []}
              columns={[
                {
                  key: 'kind',
                  title: t('insight.flows.kind'),
                  render: (_, row) => labelOf(stayKindLabels[row.kind], language),
                },
                { key: 'ended', title: t('insight.flows.ended'), align: 'right', render: (_, row) => count(row.ended) },
                ...daysColumns.map((column) => ({
                  ...column,
                  render: (_: unknown, row: { medianDays: number | null; p90Days: number | null }) =>
                    days(column.key === 'median' ? row.medianDays : row.p90Days),
                })),
              ]}
            />
          </TableFrame>
          {data && (
            <p className="haven-flows-station">
              {t('insight.flows.stationPastTen')}
              <strong>{count(data.stays.stationPastTenDays)}</strong>
            </p>
          )}
        </Col>
      </Row>
    </section>
  );
}

export interface FlowTablesProps {
  within: string;
  months: string[];
  month: string | undefined;
  onMonth: (month: string) => void;
}
