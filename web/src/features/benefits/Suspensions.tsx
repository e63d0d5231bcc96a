import type { ApplicationView } from '@contract/benefits/applications.js';
import { Alert, Button, DatePicker, Form, Input, List, Modal, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { useSuspension } from './paymentsApi';

interface Values {
  month: Dayjs;
  reason?: string;
  payArrears?: boolean;
  note?: string;
}

/**
 * 暂停发放 of an approved benefit: the county withholds payments from a month (with the reason) and
 * later pays again from a month, deciding whether the withheld months are paid in arrears.
 */
export function Suspensions({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const notice = useNotice();
  const { can } = useAuth();
  const { suspend, lift } = useSuspension(view.id);
  const [mode, setMode] = useState<'suspend' | 'lift' | null>(null);
  const [form] = Form.useForm<Values>();
  const open = view.suspensions.find((s) => s.resumeMonth === null);
  const mayDecide = can('benefits.decide') && view.status === 'approved';
  if (view.suspensions.length === 0 && !mayDecide) return null;
  const submit = async (values: Values) => {
    const month = values.month.format('YYYY-MM');
    try {
      if (mode === 'suspend') await suspend.mutateAsync({ fromMonth: month, reason: values.reason ?? '' });
      else if (open)
        await lift.mutateAsync({
          suspensionId: open.id,
          resumeMonth: month,
          payArrears: values.payArrears ?? false,
          note: values.note?.trim() || undefined,
        });
      notice.success(t('benefits.suspension.saved'));
      setMode(null);
      form.resetFields();
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <section aria-label={t('benefits.suspension.title')}>
      <h2>{t('benefits.suspension.title')}</h2>
      {open && (
        <Alert
          type="warning"
          showIcon
          className="haven-form-alert"
          message={t('benefits.suspension.open', { month: open.fromMonth, reason: open.reason })}
        />
      )}
      {view.suspensions.some((s) => s.resumeMonth !== null) && (
        <List
          size="small"
          dataSource={view.suspensions.filter((s) => s.resumeMonth !== null)}
          renderItem={(s) => (
            <List.Item>
              {t(s.payArrears ? 'benefits.suspension.liftedArrears' : 'benefits.suspension.liftedForfeited', {
                from: s.fromMonth,
                to: s.resumeMonth,
                reason: s.reason,
              })}
            </List.Item>
          )}
        />
      )}
      {mayDecide && (
        <Space wrap>
          {open ? (
            <Button onClick={() => setMode('lift')}>{t('benefits.suspension.lift')}</Button>
          ) : (
            <Button danger onClick={() => setMode('suspend')}>
              {t('benefits.suspension.suspend')}
            </Button>
          )}
        </Space>
      )}
      <Modal
        open={mode !== null}
        title={mode ? t(`benefits.suspension.${mode}`) : ''}
        onCancel={() => setMode(null)}
        onOk={() => form.submit()}
        confirmLoading={suspend.isPending || lift.isPending}
        okText={t('benefits.save')}
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ month: dayjs(), payArrears: true }}>
          <Form.Item
            name="month"
            label={t(mode === 'lift' ? 'benefits.suspension.resumeMonth' : 'benefits.suspension.fromMonth')}
            rules={[{ required: true }]}
          >
            <DatePicker picker="month" style={{ width: '100%' }} />
          </Form.Item>
          {mode === 'suspend' && (
            <Form.Item name="reason" label={t('benefits.reason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
          {mode === 'lift' && (
            <>
              <Form.Item name="payArrears" label={t('benefits.suspension.withheld')}>
                <Radio.Group
                  options={[
                    { value: true, label: t('benefits.suspension.payArrears') },
                    { value: false, label: t('benefits.suspension.forfeit') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="note" label={t('benefits.note')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </section>
  );
}
