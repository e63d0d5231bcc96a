import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { FormSelect } from '../../app/forms/FormSelect';
import { showFieldProblems } from '../../app/forms/serverErrors';
import { currentLanguage } from '../../app/i18n';
import { DivisionPicker } from '../divisions/DivisionPicker';
import { OrganisationSelect } from '../organisations/OrganisationSelect';
import { createUser, useRoles, type NewUser } from './usersApi';

const fields = ['username', 'displayName', 'phone', 'organisationId', 'jurisdictionCode', 'roles'];

/** 新增用户: a real-name staff account; the server answers a one-time password. */
export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (name: string, password: string, pendingRoles: string[]) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewUser>();
  const roles = useRoles();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const english = currentLanguage() === 'en';

  async function save(values: NewUser) {
    setSaving(true);
    setFailure(null);
    try {
      const created = await createUser({ ...values, phone: values.phone?.trim() || undefined }, idempotencyKey);
      form.resetFields();
      setIdempotencyKey(crypto.randomUUID());
      onCreated(values.displayName, created.temporaryPassword, created.pendingRoles);
    } catch (error) {
      if (!showFieldProblems(form, error, fields)) setFailure(describeApiError(error, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
    >
      {failure && <Alert type="error" showIcon message={failure} className="haven-form-alert" />}
      <Form form={form} name="createUser" layout="vertical" onFinish={(values) => void save(values)}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHint')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { pattern: /^[A-Za-z0-9_.@-]{3,60}$/, message: t('users.usernameFormat') },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={60} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={60} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('users.phoneFormat') }]}
        >
          <Input inputMode="tel" autoComplete="off" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="organisationId"
          label={t('users.organisation')}
          rules={[{ required: true, message: t('users.organisationRequired') }]}
        >
          <OrganisationSelect />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
        >
          <FormSelect
            mode="multiple"
            loading={roles.isPending}
            optionFilterProp="label"
            options={(roles.data ?? []).map((role) => ({
              value: role.code,
              label: english ? role.nameEn : role.nameZh,
            }))}
          />
        </Form.Item>
        <Form.Item name="jurisdictionCode" label={t('users.jurisdiction')} extra={t('users.jurisdictionHint')}>
          <DivisionPicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
