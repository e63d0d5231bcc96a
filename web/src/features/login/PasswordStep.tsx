import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Credentials } from '../../app/auth/authApi';
import { useAuth, type SignedOutNotice } from '../../app/auth/AuthProvider';
import { loginErrorMessage } from './loginErrorMessage';
import { StepTitle } from './StepTitle';

const noticeKeys = {
  sessionEnded: 'login.sessionEnded',
  signedOut: 'login.signedOut',
  signedOutEverywhere: 'login.signedOutEverywhere',
} as const;

export function PasswordStep({ notice }: { notice: SignedOutNotice | null }) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(credentials: Credentials) {
    setSubmitting(true);
    setFailure(null);
    try {
      await signIn({ username: credentials.username.trim(), password: credentials.password });
    } catch (error) {
      setFailure(error);
      setSubmitting(false);
    }
  }

  return (
    <>
      <StepTitle focusOnShow={false}>{t('login.title')}</StepTitle>
      <Typography.Paragraph type="secondary">{t('login.intro')}</Typography.Paragraph>
      {notice !== null && failure === null && (
        <Alert
          type={notice === 'sessionEnded' ? 'warning' : 'success'}
          showIcon
          className="haven-login-error"
          role="status"
          message={t(noticeKeys[notice])}
        />
      )}
      {/* antd's Alert carries role="alert", so the reason is announced as it appears. */}
      {failure !== null && (
        <Alert type="error" showIcon className="haven-login-error" message={loginErrorMessage(failure, t)} />
      )}
      <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
        <Form.Item
          label={t('login.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input
            prefix={<UserOutlined aria-hidden />}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
          />
        </Form.Item>
        <Form.Item
          label={t('login.password')}
          name="password"
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </Button>
      </Form>
      <p className="haven-login-public">
        <Link to="/report" style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}>
          {t('reports.public.linkFromLogin')}
        </Link>
      </p>
    </>
  );
}
