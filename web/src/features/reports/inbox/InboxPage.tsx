import { CheckOutlined, WarningFilled } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { reportChannels } from '@contract/reports/vocabulary.js';
import { reportAckStates, reportListSorts } from '@contract/reports/views.js';
import { Alert, Button, DatePicker, Form, Input, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { describeApiError } from '../../../app/api/describeApiError';
import { useAuth } from '../../../app/auth/AuthProvider';
import { FormSelect } from '../../../app/forms/FormSelect';
import { QueryForm } from '../../../app/list/QueryForm';
import { TableFrame } from '../../../app/list/TableFrame';
import { useListParams } from '../../../app/list/useListParams';
import { codeText, situationText, formatMinute } from '../../cases/labels';
import { DivisionName } from '../../divisions/DivisionName';
import { usePhoneLayout } from '../../../app/preferences/usePhoneLayout';
import { ReportNumber } from '../drawer/ReportNumber';
import { useAcknowledge } from '../drawer/useAcknowledge';
import { type InboxReport, useInbox } from '../reportsApi';
import { InboxCards } from './InboxCards';
import { OpenCaseDialog } from './OpenCaseDialog';
import '../../cases/cases.css';

const filterKeys = ['q', 'ack', 'channel', 'danger', 'from', 'to', 'sort'] as const;
type FormValues = Partial<Record<'q' | 'ack' | 'channel' | 'danger' | 'sort', string>> & {
  range?: [Dayjs | null, Dayjs | null] | null;
};
const day = 'YYYY-MM-DD';

/** 收到的报告: what my organisation received, unacknowledged and overdue first; acknowledge, open a case. */
export default function InboxPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const phone = usePhoneLayout();
  const [form] = Form.useForm<FormValues>();
  const list = useListParams(filterKeys);
  const inbox = useInbox(list.page, true, list.filters);
  const { from, to, ...chosen } = list.filters;
  const initial: FormValues = {
    ...chosen,
    range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null,
  };
  const [opening, setOpening] = useState<string | null>(null);
  const { acknowledge, busy, holder } = useAcknowledge();

  const columns: TableColumnsType<InboxReport> = [
    {
      key: 'ref',
      title: t('reports.mine.ref'),
      render: (_, report) => (
        <>
          <ReportNumber id={report.id} refNo={report.refNo} />
          <div className="haven-secondary">
            {report.channel ? codeText(t, `reports.channel.${report.channel}`, report.channel) : ''}
          </div>
          {report.immediateDanger && (
            <div className="haven-case-late">
              <WarningFilled aria-hidden /> {t('myWork.danger')}
            </div>
          )}
        </>
      ),
    },
    {
      key: 'situations',
      title: t('reports.mine.situations'),
      render: (_, report) => report.situations.map((n) => situationText(t, n)).join(t('cases.punct.listSeparator')),
    },
    {
      key: 'where',
      title: t('reports.section.where'),
      render: (_, report) => <DivisionName code={report.divisionCode} />,
    },
    {
      key: 'reportedAt',
      title: t('reports.mine.reportedAt'),
      render: (_, report) => formatMinute(report.reportedAt, t),
    },
    {
      key: 'ack',
      title: t('reports.inbox.acknowledged'),
      render: (_, report) =>
        report.myAcknowledgedAt ? (
          <span className="haven-case-met">
            <CheckOutlined aria-hidden /> {formatMinute(report.myAcknowledgedAt, t)}
          </span>
        ) : report.overdue ? (
          <span className="haven-case-late">
            <WarningFilled aria-hidden /> {t('reports.inbox.overdue')}
            <div>{formatMinute(report.dueAt, t)}</div>
          </span>
        ) : (
          <>
            {t('reports.inbox.due')}
            <div>{formatMinute(report.dueAt, t)}</div>
          </>
        ),
    },
    {
      key: 'actions',
      title: t('list.actions'),
      render: (_, report) => (
        <span className="haven-form-footer">
          {!report.myAcknowledgedAt && can('reports.receive') && (
            <Button
              size="small"
              type="primary"
              loading={busy === report.id}
              onClick={() => void acknowledge(report)}
              icon={<CheckOutlined aria-hidden />}
              aria-label={t('myWork.acknowledgeReport', { refNo: report.refNo })}
            >
              {t('myWork.acknowledge')}
            </Button>
          )}
          {report.caseId ? (
            <Link to={`/cases/${report.caseId}`}>{t('myWork.openCase')}</Link>
          ) : (
            can('cases.act') && (
              <Button
                size="small"
                onClick={() => setOpening(report.id)}
                aria-label={t('reports.inbox.openCaseFor', { refNo: report.refNo })}
              >
                {t('reports.inbox.openCase')}
              </Button>
            )
          )}
        </span>
      ),
    },
  ];

  return (
    <>
      {holder}
      <QueryForm
        form={form}
        label={t('list.queryLabel')}
        initial={initial}
        onSearch={({ range, q, ...values }) =>
          list.search({
            ...values,
            q: q?.trim() || undefined,
            from: range?.[0]?.format(day),
            to: range?.[1]?.format(day),
          })
        }
        onReset={() => list.search({})}
      >
        <Form.Item name="q" label={t('reports.inbox.filter.number')}>
          <Input allowClear maxLength={30} placeholder="R-2026-" />
        </Form.Item>
        <Form.Item name="ack" label={t('reports.inbox.filter.ack')}>
          <FormSelect
            allowClear
            placeholder={t('list.any')}
            options={reportAckStates.map((state) => ({ value: state, label: t(`reports.inbox.ackState.${state}`) }))}
          />
        </Form.Item>
        <Form.Item name="danger" label={t('reports.inbox.filter.danger')}>
          <FormSelect
            allowClear
            placeholder={t('list.any')}
            options={[{ value: 'true', label: t('reports.inbox.filter.dangerOnly') }]}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('reports.inbox.channel')}>
          <FormSelect
            allowClear
            placeholder={t('list.any')}
            options={reportChannels.map((channel) => ({ value: channel, label: t(`reports.channel.${channel}`) }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t('reports.inbox.filter.reported')} className="haven-query-wide">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('audit.from'), t('audit.to')]}
            className="haven-full-width"
          />
        </Form.Item>
        <Form.Item name="sort" label={t('reports.inbox.filter.sort')}>
          <FormSelect
            placeholder={t('reports.inbox.sort.priority')}
            options={reportListSorts.map((sort) => ({ value: sort, label: t(`reports.inbox.sort.${sort}`) }))}
          />
        </Form.Item>
      </QueryForm>
      <p className="haven-list-count" role="status">
        {inbox.data ? t('list.total', { count: inbox.data.total }) : ''}
      </p>
      {inbox.isError && (
        <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(inbox.error, t)} />
      )}
      {phone ? (
        <InboxCards
          reports={inbox.data?.items ?? []}
          loading={inbox.isFetching}
          busy={busy}
          onAcknowledge={(report) => void acknowledge(report)}
          onOpenCase={setOpening}
          page={list.page}
          total={inbox.data?.total ?? 0}
          onPage={list.setPage}
        />
      ) : (
        <TableFrame label={t('list.tableLabel')}>
          <Table<InboxReport>
            rowKey="id"
            columns={columns}
            dataSource={inbox.data?.items ?? []}
            loading={inbox.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('reports.inbox.empty') }}
            pagination={{
              current: list.page,
              pageSize: 20,
              total: inbox.data?.total ?? 0,
              onChange: list.setPage,
              showSizeChanger: false,
              hideOnSinglePage: true,
            }}
          />
        </TableFrame>
      )}
      <OpenCaseDialog
        reportId={opening}
        onClose={() => setOpening(null)}
        onOpened={(caseId) => {
          setOpening(null);
          void queryClient.invalidateQueries({ queryKey: ['reports'] });
          void navigate(`/cases/${caseId}`);
        }}
      />
    </>
  );
}
