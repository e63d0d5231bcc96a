import { type ChildExitInput, childExitViewSchema, type ExitReason, exitReasons } from '@contract/registry/exit.js';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestParsed } from '../../app/api/client';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { useRefreshChild } from '../registry/api/fileApi';

interface Values {
  reason: ExitReason;
  exitedOn: Dayjs;
  note?: string;
}

interface Props {
  file: { id: string; status: string; statusReason: string | null; version: number };
}

/**
 * 退出登记 on the child's file: a child who is adopted, dies or moves away leaves the registry with a
 * national reason and a date (the history is kept; approved benefits end, open applications are withdrawn).
 */
export function LeaveRegistry({ file }: Props) {
  const { t } = useTranslation();
  const notice = useNotice();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const refreshChild = useRefreshChild();
  const client = useQueryClient();
  const leave = useMutation({
    mutationFn: (input: ChildExitInput) =>
      requestParsed(childExitViewSchema, `/api/children/${encodeURIComponent(file.id)}/exit`, {
        method: 'POST',
        body: input,
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      }),
    onSuccess: () => Promise.all([refreshChild(file.id), client.invalidateQueries({ queryKey: ['benefits'] })]),
  });
  if (file.status === 'exited') {
    const reason = (exitReasons as readonly string[]).includes(file.statusReason ?? '')
      ? t(`benefits.exit.reason.${file.statusReason as ExitReason}`)
      : (file.statusReason ?? '');
    return <Alert type="info" showIcon className="haven-form-alert" message={t('benefits.exit.left', { reason })} />;
  }
  if (file.status !== 'active' || !can('children.exit')) return null;
  const submit = async (values: Values) => {
    try {
      await leave.mutateAsync({
        reason: values.reason,
        exitedOn: values.exitedOn.format('YYYY-MM-DD'),
        note: values.note?.trim() || undefined,
        version: file.version,
      });
      notice.success(t('benefits.exit.saved'));
      setOpen(false);
      form.resetFields();
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} className="haven-leave-registry">
        {t('benefits.exit.action')}
      </Button>
      <Modal
        open={open}
        title={t('benefits.exit.action')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={leave.isPending}
        okText={t('benefits.save')}
      >
        <Alert type="warning" showIcon className="haven-form-alert" message={t('benefits.exit.warning')} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ exitedOn: dayjs() }}>
          <Form.Item name="reason" label={t('benefits.exit.reasonLabel')} rules={[{ required: true }]}>
            <Select options={exitReasons.map((value) => ({ value, label: t(`benefits.exit.reason.${value}`) }))} />
          </Form.Item>
          <Form.Item name="exitedOn" label={t('benefits.exit.exitedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="note" label={t('benefits.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
