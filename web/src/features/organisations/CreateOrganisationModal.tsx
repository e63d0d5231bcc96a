import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { FormSelect } from '../../app/forms/FormSelect';
import { showFieldProblems } from '../../app/forms/serverErrors';
import { DivisionPicker } from '../divisions/DivisionPicker';
import { kindOptions } from './kindLabel';
import { createOrganisation, residentialKinds, type NewOrganisation, type Organisation } from './organisationsApi';

const fields = ['name', 'shortName', 'kind', 'divisionCode', 'bedCapacity'];

/** 新增: register an organisation in the reader's jurisdiction. */
export function CreateOrganisationModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (organisation: Organisation) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewOrganisation>();
  const kind = Form.useWatch('kind', form);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // One key per form opening: a retry after a dropped answer does not register it twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  async function save(values: NewOrganisation) {
    setSaving(true);
    setFailure(null);
    try {
      const created = await createOrganisation(
        { ...values, shortName: values.shortName?.trim() || undefined },
        idempotencyKey,
      );
      form.resetFields();
      setIdempotencyKey(crypto.randomUUID());
      onCreated(created);
    } catch (error) {
      if (!showFieldProblems(form, error, fields)) setFailure(describeApiError(error, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('organisations.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
    >
      {failure && <Alert type="error" showIcon message={failure} className="haven-form-alert" />}
      <Form form={form} name="createOrganisation" layout="vertical" onFinish={(values) => void save(values)}>
        <Form.Item
          name="name"
          label={t('organisations.name')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('organisations.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t('organisations.shortName')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('organisations.kind')}
          rules={[{ required: true, message: t('organisations.kindRequired') }]}
        >
          <FormSelect options={kindOptions(t)} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('organisations.division')}
          rules={[{ required: true, message: t('organisations.divisionRequired') }]}
        >
          <DivisionPicker />
        </Form.Item>
        {kind && residentialKinds.includes(kind) && (
          <Form.Item
            name="bedCapacity"
            label={t('organisations.beds')}
            rules={[{ required: true, message: t('organisations.bedsRequired') }]}
          >
            <InputNumber min={0} max={100000} precision={0} inputMode="numeric" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
