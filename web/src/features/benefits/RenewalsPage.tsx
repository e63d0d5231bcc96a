import type { RenewalView } from '@contract/benefits/payments.js';
import { renewalEndReasons, renewalStatuses } from '@contract/benefits/vocabulary.js';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { useActOnRenewal, useRenewals } from './paymentsApi';
import { TypeName } from './TypeName';

type Row = Omit<RenewalView, 'steps'>;
type Mode = { row: Row; type: 'renew' | 'end' };
interface Values {
  renewedUntil?: Dayjs;
  school?: string;
  reason?: (typeof renewalEndReasons)[number];
  note?: string;
}

function RenewalModal({ mode, onClose }: { mode: Mode; onClose: () => void }) {
  const { t } = useTranslation();
  const notice = useNotice();
  const act = useActOnRenewal(mode.row.id);
  const [form] = Form.useForm<Values>();
  const submit = async (values: Values) => {
    try {
      await act.mutateAsync(
        mode.type === 'renew'
          ? {
              type: 'renew',
              expectedSeq: mode.row.seq,
              renewedUntil: values.renewedUntil!.format('YYYY-MM-DD'),
              school: values.school ?? '',
              note: values.note,
            }
          : { type: 'end', expectedSeq: mode.row.seq, reason: values.reason ?? 'other', note: values.note },
      );
      notice.success(t('benefits.renewals.saved'));
      onClose();
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <Modal
      open
      title={`${t(`benefits.renewals.action.${mode.type}`)} · ${mode.row.childName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={act.isPending}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        {mode.type === 'renew' ? (
          <>
            <Form.Item name="renewedUntil" label={t('benefits.renewals.until')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="school" label={t('benefits.renewals.school')} rules={[{ required: true, max: 100 }]}>
              <Input />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="reason" label={t('benefits.reason')} rules={[{ required: true }]}>
            <Select
              options={renewalEndReasons.map((r) => ({ value: r, label: t(`benefits.renewals.endReason.${r}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('benefits.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 超龄续发: orphans turning 18 in school — about to age out, awaiting renewal, renewed, ended. */
export default function RenewalsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [status, setStatus] = useState<string | undefined>();
  const [mode, setMode] = useState<Mode | null>(null);
  const list = useRenewals(status);
  const columns: TableColumnsType<Row> = [
    { title: t('benefits.child'), dataIndex: 'childName' },
    { title: t('benefits.benefitType'), dataIndex: 'benefitType', render: (code: string) => <TypeName code={code} /> },
    { title: t('benefits.renewals.agesOutOn'), dataIndex: 'agesOutOn' },
    {
      title: t('benefits.statusLabel'),
      dataIndex: 'status',
      render: (s: Row['status']) => <Tag>{t(`benefits.renewals.status.${s}`)}</Tag>,
    },
    { title: t('benefits.dueOn'), dataIndex: 'dueOn', render: (due: string | null) => due ?? '—' },
    {
      title: t('benefits.renewals.until'),
      dataIndex: 'renewedUntil',
      render: (until: string | null, row) => (until ? `${until} · ${row.school ?? ''}` : '—'),
    },
    {
      title: t('benefits.renewals.actions'),
      key: 'actions',
      render: (_, row) =>
        can('benefits.decide') && row.status !== 'renewal_ended' ? (
          <Space wrap>
            {row.status !== 'renewed' && (
              <Button size="small" type="primary" onClick={() => setMode({ row, type: 'renew' })}>
                {t('benefits.renewals.action.renew')}
              </Button>
            )}
            <Button size="small" onClick={() => setMode({ row, type: 'end' })}>
              {t('benefits.renewals.action.end')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <div className="haven-stack">
      <Alert type="info" showIcon message={t('benefits.renewals.explain')} />
      <Select
        allowClear
        aria-label={t('benefits.statusLabel')}
        placeholder={t('benefits.statusLabel')}
        style={{ minWidth: 200, maxWidth: '100%' }}
        value={status}
        onChange={setStatus}
        options={renewalStatuses.map((s) => ({ value: s, label: t(`benefits.renewals.status.${s}`) }))}
      />
      {list.error && <Alert type="error" message={describeApiError(list.error, t)} />}
      <Table<Row>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      {mode && <RenewalModal mode={mode} onClose={() => setMode(null)} />}
    </div>
  );
}
