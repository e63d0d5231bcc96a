import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { describeApiError } from '../../app/api/describeApiError';
import { postTotp } from '../../app/auth/authApi';
import { useAuth } from '../../app/auth/AuthProvider';
import { StepTitle } from './StepTitle';

type Mode = 'code' | 'recovery';

const sixDigits = /^\d{6}$/;
// Recovery codes are printed as ab12-cd34-ef56; typed with or without the dashes.
const recoveryCode = /^[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}$/i;

/** Second factor: the 6-digit code from the authenticator, or one of the recovery codes. */
export function TotpStep() {
  const { t } = useTranslation();
  const { refresh, signOut } = useAuth();
  const [form] = Form.useForm<{ code: string }>();
  const [mode, setMode] = useState<Mode>('code');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit({ code }: { code: string }) {
    setSubmitting(true);
    setFailure(null);
    try {
      await postTotp(code.replace(/\s/g, ''));
      await refresh();
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && error.code === 'totp_invalid') {
        form.setFields([{ name: 'code', errors: [error.message] }]);
        return;
      }
      // The half-finished sign-in may be gone (locked after repeated wrong codes): ask where it stands.
      if (error instanceof ApiError && error.status === 401) await refresh();
      setFailure(describeApiError(error, t));
    }
  }

  function switchMode(next: Mode) {
    setMode(next);
    form.resetFields();
  }

  return (
    <>
      {/* Focus goes to the code field (its label names the step), which on a phone opens the number pad. */}
      <StepTitle focusOnShow={false}>{t('totp.title')}</StepTitle>
      <Typography.Paragraph type="secondary">
        {mode === 'code' ? t('totp.intro') : t('totp.recoveryIntro')}
      </Typography.Paragraph>
      {failure !== null && <Alert type="error" showIcon className="haven-login-error" message={failure} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
        {mode === 'code' ? (
          <Form.Item
            key="code"
            label={t('totp.codeLabel')}
            name="code"
            normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
            rules={[
              { required: true, message: t('totp.codeRequired') },
              { pattern: sixDigits, message: t('totp.codeFormat') },
            ]}
          >
            <Input
              className="haven-code-input"
              inputMode="numeric"
              pattern="[0-9]*"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
            />
          </Form.Item>
        ) : (
          <Form.Item
            key="recovery"
            label={t('totp.recoveryLabel')}
            name="code"
            extra={t('totp.recoveryHint')}
            rules={[
              { required: true, message: t('totp.recoveryRequired') },
              { pattern: recoveryCode, message: t('totp.recoveryFormat') },
            ]}
          >
            <Input
              className="haven-code-input"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={20}
              autoFocus
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
          {t('totp.submit')}
        </Button>
      </Form>
      <div className="haven-login-links">
        <Button type="link" onClick={() => switchMode(mode === 'code' ? 'recovery' : 'code')}>
          {mode === 'code' ? t('totp.useRecovery') : t('totp.useCode')}
        </Button>
        <Button type="link" onClick={() => void signOut(false)}>
          {t('login.otherAccount')}
        </Button>
      </div>
    </>
  );
}
