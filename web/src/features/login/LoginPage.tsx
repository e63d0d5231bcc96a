import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { Credentials } from '../../app/auth/authApi';
import { useAuth } from '../../app/auth/AuthProvider';
import { StandaloneFrame } from '../../app/layout/StandaloneFrame';
import { loginErrorMessage } from './loginErrorMessage';

function returnPathFrom(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('/') ? state.from : '/';
  }
  return '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(credentials: Credentials) {
    setSubmitting(true);
    setFailure(null);
    try {
      await signIn(credentials);
      await navigate(returnPathFrom(location.state), { replace: true });
    } catch (error) {
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <StandaloneFrame>
      <Card className="haven-login-card">
        <Typography.Title level={1} className="haven-login-title">
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.intro')}</Typography.Paragraph>
        {/* antd's Alert carries role="alert", so the reason is announced as it appears. */}
        {failure !== null && <Alert type="error" showIcon className="haven-login-error" message={loginErrorMessage(failure, t)} />}
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoCapitalize="none" spellCheck={false} />
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
      </Card>
    </StandaloneFrame>
  );
}
