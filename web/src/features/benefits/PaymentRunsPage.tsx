import { Alert, Button, DatePicker, Form, Input, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { yuan } from './benefitsApi';
import { usePaymentRuns, useRunPayments } from './paymentsApi';

type Row = NonNullable<ReturnType<typeof usePaymentRuns>['data']>['items'][number];

/** 保障金发放: the monthly payment runs of my counties, and a new run for a county and month. */
export default function PaymentRunsPage() {
  const { t } = useTranslation();
  const notice = useNotice();
  const { can, me } = useAuth();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = usePaymentRuns(page);
  const runPayments = useRunPayments();
  const ownCode = me?.user.jurisdictionCode ?? '';
  const ownCounty = /^\d{6}0{6}$/.test(ownCode) && !ownCode.endsWith('00000000') ? ownCode : '';
  const columns: TableColumnsType<Row> = [
    {
      title: t('benefits.payments.month'),
      dataIndex: 'month',
      render: (month: string, row) => <Link to={`/benefits/payments/${row.id}`}>{month}</Link>,
    },
    { title: t('benefits.payments.county'), dataIndex: 'countyName' },
    { title: t('benefits.payments.children'), dataIndex: 'childCount', align: 'right' },
    { title: t('benefits.payments.total'), dataIndex: 'totalFen', align: 'right', render: (fen: number) => yuan(fen) },
    {
      title: t('benefits.payments.arrears'),
      dataIndex: 'arrearsFen',
      align: 'right',
      render: (fen: number) => yuan(fen),
    },
    {
      title: t('benefits.payments.runNo'),
      dataIndex: 'runNo',
      render: (no: string) => <span className="haven-code">{no}</span>,
    },
  ];
  const submit = async (values: { county: string; month: Dayjs }) => {
    try {
      const view = await runPayments.mutateAsync({ county: values.county, month: values.month.format('YYYY-MM') });
      notice.success(t(view.created ? 'benefits.payments.created' : 'benefits.payments.existing'));
      navigate(`/benefits/payments/${view.id}`);
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <div className="haven-stack">
      {can('benefits.pay') && (
        <Form layout="inline" onFinish={submit} initialValues={{ county: ownCounty }} style={{ rowGap: 8 }}>
          <Form.Item
            name="county"
            label={t('benefits.payments.countyCode')}
            rules={[{ required: true, pattern: /^\d{6}0{6}$/, message: t('benefits.payments.countyHint') }]}
          >
            <Input inputMode="numeric" maxLength={12} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="month" label={t('benefits.payments.month')} rules={[{ required: true }]}>
            <DatePicker picker="month" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={runPayments.isPending}>
            {t('benefits.payments.run')}
          </Button>
        </Form>
      )}
      <Alert type="info" showIcon message={t('benefits.payments.explain')} />
      {list.error && <Alert type="error" message={describeApiError(list.error, t)} />}
      <Table<Row>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        scroll={{ x: 640 }}
        pagination={{ current: page, pageSize: 24, total: list.data?.total ?? 0, onChange: setPage }}
      />
    </div>
  );
}
