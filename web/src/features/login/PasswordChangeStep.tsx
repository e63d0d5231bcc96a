import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { describeApiError } from '../../app/api/describeApiError';
import { postPasswordChange } from '../../app/auth/authApi';
import { useAuth } from '../../app/auth/AuthProvider';
import { showFieldProblems } from '../../app/forms/serverErrors';
import { StepTitle } from './StepTitle';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

/** First sign-in (or after a reset): the temporary password is replaced by one only this person knows. */
export function PasswordChangeStep() {
  const { t } = useTranslation();
  const { refresh, signOut } = useAuth();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit({ currentPassword, newPassword }: Values) {
    setSubmitting(true);
    setFailure(null);
    try {
      await postPasswordChange({ currentPassword, newPassword });
      await refresh();
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && error.code === 'password_wrong') {
        form.setFields([{ name: 'currentPassword', errors: [error.message] }]);
        return;
      }
      // password_rejected lists each rule the new password breaks, next to the new password.
      if (showFieldProblems(form, error, ['currentPassword', 'newPassword'])) return;
      if (error instanceof ApiError && error.status === 401) await refresh();
      setFailure(describeApiError(error, t));
    }
  }

  return (
    <>
      <StepTitle>{t('passwordChange.title')}</StepTitle>
      <Typography.Paragraph type="secondary">{t('passwordChange.intro')}</Typography.Paragraph>
      {failure !== null && <Alert type="error" showIcon className="haven-login-error" message={failure} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
        <Form.Item
          label={t('passwordChange.current')}
          name="currentPassword"
          rules={[{ required: true, message: t('passwordChange.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('passwordChange.new')}
          name="newPassword"
          extra={t('passwordChange.rules')}
          rules={[
            { required: true, message: t('passwordChange.newRequired') },
            { min: 10, message: t('passwordChange.tooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('passwordChange.repeat')}
          name="repeatPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('passwordChange.repeatRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('passwordChange.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
          {t('passwordChange.submit')}
        </Button>
      </Form>
      <div className="haven-login-links">
        <Button type="link" onClick={() => void signOut(false)}>
          {t('login.otherAccount')}
        </Button>
      </div>
    </>
  );
}
