import { Alert, Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';

export interface ReasonValues {
  reason: string;
  [field: string]: unknown;
}

interface ReasonModalProps {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  /** Shown above the reason: what is about to happen. */
  description?: ReactNode;
  /** More fields before the reason (a date, a choice). */
  children?: ReactNode;
  onSubmit: (values: ReasonValues) => Promise<unknown>;
  onClose: () => void;
  /** A decision whose record is its evidence (confirming a category) asks for no separate reason. */
  noReason?: boolean;
  initialValues?: Record<string, unknown>;
}

/** Every decision on a file carries a reason (it goes into the history); the server's refusal shows here. */
export function ReasonModal({
  open,
  title,
  okText,
  danger,
  description,
  children,
  onSubmit,
  onClose,
  noReason,
  initialValues,
}: ReasonModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReasonValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(values: ReasonValues) {
    setSaving(true);
    setFailure(null);
    try {
      await onSubmit({ ...values, reason: (values.reason ?? '').trim() });
      form.resetFields();
      onClose();
    } catch (error) {
      setFailure(describeApiError(error, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: danger ?? false }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
    >
      {description && <div className="haven-form-alert">{description}</div>}
      {failure && <Alert type="error" showIcon message={failure} className="haven-form-alert" role="alert" />}
      <Form
        form={form}
        layout="vertical"
        name="reason"
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
      >
        {children}
        {!noReason && (
          <Form.Item
            name="reason"
            label={t('registry.reason')}
            rules={[{ required: true, whitespace: true, message: t('registry.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
