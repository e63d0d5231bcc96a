import { childListPageSchema } from '@contract/registry/search.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { queryString, requestParsed } from '../../app/api/client';
import { describeApiError } from '../../app/api/describeApiError';
import { openTracing } from './tracingApi';

interface Values {
  havenCode: string;
  foundAt: string;
  foundPlace: string;
  statedName?: string;
  statedAge?: number;
  dialect?: string;
  statements?: string;
  description: string;
}

/** Opens a tracing request for a registered child of unknown identity, found by the Haven code on the file. */
export function OpenTracingModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [key] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const required = [{ required: true, message: t('placements.form.required') }];

  async function submit(v: Values) {
    setBusy(true);
    setProblem(undefined);
    try {
      const code = v.havenCode.trim().toUpperCase();
      const found = await requestParsed(childListPageSchema, `/api/children${queryString({ q: code })}`);
      const child = found.items.find((c) => c.havenCode === code);
      if (!child) {
        setProblem(t('placements.tracing.codeUnknown', { code }));
        return;
      }
      const view = await openTracing(
        {
          childId: child.id,
          foundAt: new Date(v.foundAt).toISOString(),
          foundPlace: v.foundPlace,
          known: {
            statedName: v.statedName || null,
            statedAge: v.statedAge ?? null,
            dialect: v.dialect || null,
            statements: v.statements || null,
          },
          description: v.description,
        },
        key,
      );
      await queryClient.invalidateQueries({ queryKey: ['placements', 'tracing'] });
      onClose();
      void navigate(`/placements/tracing/${view.id}`);
    } catch (error) {
      setProblem(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('placements.tracing.openTitle')}
      okText={t('placements.form.submit')}
      cancelText={t('placements.form.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {problem && <Alert type="error" showIcon role="alert" className="haven-form-alert" message={problem} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="havenCode" label={t('placements.tracing.provisionalCode')} rules={required}>
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item name="foundAt" label={t('placements.tracing.foundAt')} rules={required}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="foundPlace" label={t('placements.tracing.foundPlace')} rules={required}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="statedName" label={t('placements.tracing.statedName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="statedAge" label={t('placements.tracing.statedAge')}>
          <InputNumber min={0} max={18} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="dialect" label={t('placements.tracing.dialect')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="statements" label={t('placements.tracing.statements')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="description" label={t('placements.tracing.description')} rules={required}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
