import { DownloadOutlined } from '@ant-design/icons';
import type { PaymentChange } from '@contract/benefits/payments.js';
import { type ExitReason, exitReasons } from '@contract/registry/exit.js';
import { Alert, Button, Descriptions, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { formatDateTime } from '../../app/format';
import { useNotice } from '../../app/notice/useNotice';
import { yuan } from './benefitsApi';
import { downloadLedger, usePaymentRun } from './paymentsApi';
import { TypeName } from './TypeName';

type Line = NonNullable<ReturnType<typeof usePaymentRun>['data']>['lines'][number];

/** Why a payment changed, in the reader's language, with the figures the server kept. */
function ChangeReason({ change }: { change: PaymentChange }) {
  const { t } = useTranslation();
  const p = change.params;
  const exitReasonText = (reason: unknown) =>
    typeof reason === 'string' && (exitReasons as readonly string[]).includes(reason)
      ? t(`benefits.exit.reason.${reason as ExitReason}`)
      : reason
        ? String(reason)
        : '';
  const fen = (value: unknown) => (typeof value === 'number' ? (value / 100).toFixed(2) : '');
  return (
    <span>
      {t(`benefits.payments.reason.${change.reason}`, {
        payFrom: String(p.payFrom ?? ''),
        exitReason: exitReasonText(p.exitReason),
        endedOn: String(p.endedOn ?? ''),
        from: fen(p.fromFen),
        to: fen(p.toFen),
      })}
      {Array.isArray(p.arrearsMonths) && (
        <Tag color="blue" style={{ marginInlineStart: 8 }}>
          {t('benefits.payments.arrearsFor', { months: p.arrearsMonths.join(', '), amount: fen(p.arrearsFen) })}
        </Tag>
      )}
    </span>
  );
}

/** One payment run: totals, the changes from last month explained, the lines, the ledger download. */
export default function PaymentRunPage() {
  const { t } = useTranslation();
  const notice = useNotice();
  const { can } = useAuth();
  const { runId = '' } = useParams();
  const [page, setPage] = useState(1);
  const query = usePaymentRun(runId, page);
  const [downloading, setDownloading] = useState(false);
  const run = query.data;
  if (query.error) return <Alert type="error" message={describeApiError(query.error, t)} />;
  if (!run) return null;
  const download = async () => {
    setDownloading(true);
    try {
      await downloadLedger(run.id);
    } catch (error) {
      notice.error(describeApiError(error, t));
    } finally {
      setDownloading(false);
    }
  };
  const changeColumns: TableColumnsType<PaymentChange> = [
    { title: t('benefits.child'), dataIndex: 'childName' },
    { title: t('benefits.benefitType'), dataIndex: 'benefitType', render: (code: string) => <TypeName code={code} /> },
    {
      title: t('benefits.payments.change'),
      dataIndex: 'change',
      render: (c: PaymentChange['change']) => (
        <Tag color={c === 'new' ? 'green' : c === 'ended' ? 'red' : 'gold'}>
          {t(`benefits.payments.changeKind.${c}`)}
        </Tag>
      ),
    },
    { title: t('benefits.payments.why'), key: 'why', render: (_, change) => <ChangeReason change={change} /> },
    { title: t('benefits.payments.previous'), dataIndex: 'previousFen', align: 'right', render: yuan },
    { title: t('benefits.payments.current'), dataIndex: 'amountFen', align: 'right', render: yuan },
  ];
  const lineColumns: TableColumnsType<Line> = [
    { title: t('benefits.child'), dataIndex: 'childName' },
    { title: t('benefits.payments.township'), dataIndex: 'township' },
    { title: t('benefits.payments.category'), dataIndex: 'nationalCategory' },
    { title: t('benefits.benefitType'), dataIndex: 'benefitType', render: (code: string) => <TypeName code={code} /> },
    {
      title: t('benefits.payments.forMonth'),
      dataIndex: 'forMonth',
      render: (month: string, line) => (
        <span>
          {month} {line.arrears && <Tag color="blue">{t('benefits.payments.arrearsTag')}</Tag>}
        </span>
      ),
    },
    { title: t('benefits.payments.standard'), dataIndex: 'standardFen', align: 'right', render: yuan },
    {
      title: t('benefits.payments.offset'),
      dataIndex: 'offsetFen',
      align: 'right',
      render: (fen: number) => (fen > 0 ? yuan(fen) : '—'),
    },
    { title: t('benefits.payments.amount'), dataIndex: 'amountFen', align: 'right', render: yuan },
  ];
  return (
    <div className="haven-stack">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2 }}
        title={`${run.countyName} · ${run.month}`}
        extra={
          can('benefits.pay') && (
            <Button icon={<DownloadOutlined aria-hidden />} onClick={download} loading={downloading}>
              {t('benefits.payments.download')}
            </Button>
          )
        }
        items={[
          { key: 'no', label: t('benefits.payments.runNo'), children: run.runNo },
          { key: 'children', label: t('benefits.payments.children'), children: run.childCount },
          { key: 'total', label: t('benefits.payments.total'), children: yuan(run.totalFen) },
          { key: 'arrears', label: t('benefits.payments.arrears'), children: yuan(run.arrearsFen) },
          {
            key: 'by',
            label: t('benefits.payments.by'),
            children: `${run.createdBy} · ${formatDateTime(run.createdAt, t)}`,
          },
        ]}
      />
      <Typography.Title level={5}>{t('benefits.payments.changes', { count: run.changes.length })}</Typography.Title>
      <Table<PaymentChange>
        rowKey={(c) => `${c.applicationId}:${c.reason}`}
        columns={changeColumns}
        dataSource={run.changes}
        scroll={{ x: 720 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      <Typography.Title level={5}>{t('benefits.payments.lines', { count: run.lineCount })}</Typography.Title>
      <Table<Line>
        rowKey={(l) => `${l.applicationId}:${l.forMonth}`}
        columns={lineColumns}
        dataSource={run.lines}
        loading={query.isFetching}
        scroll={{ x: 820 }}
        pagination={{ current: page, pageSize: 50, total: run.lineCount, onChange: setPage, showSizeChanger: false }}
      />
    </div>
  );
}
