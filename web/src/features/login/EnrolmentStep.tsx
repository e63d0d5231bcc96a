import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, QRCode, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { CopyButton } from '../../app/CopyButton';
import { describeApiError } from '../../app/api/describeApiError';
import { postTotpConfirm, postTotpSetup, type TotpEnrolment } from '../../app/auth/authApi';
import { useAuth } from '../../app/auth/AuthProvider';
import { StepTitle } from './StepTitle';

/** ABCDEFGHIJKL → "ABCD EFGH IJKL": easier to type into an authenticator by hand. */
export function groupInFours(secret: string): string {
  return secret.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** antd's QRCode draws a canvas with role="img" but no name; this names it. */
function QrCode({ uri, label }: { uri: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('[role="img"], canvas, svg')?.setAttribute('aria-label', label);
  });
  return (
    <div ref={ref} className="haven-enrol-qr">
      <QRCode value={uri} size={168} bordered={false} />
    </div>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const [saved, setSaved] = useState(false);
  const [continuing, setContinuing] = useState(false);
  const all = codes.join('\n');

  function download() {
    const url = URL.createObjectURL(
      new Blob([`${t('enrol.recoveryFileHeading')}\n\n${all}\n`], { type: 'text/plain;charset=utf-8' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = 'haven-recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <>
      <StepTitle>{t('enrol.recoveryTitle')}</StepTitle>
      <Alert
        type="warning"
        showIcon
        className="haven-login-error"
        role="note"
        message={t('enrol.recoveryOnce')}
        description={t('enrol.recoveryUse')}
      />
      <ol className="haven-recovery-codes" aria-label={t('enrol.recoveryListLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="haven-login-links">
        <CopyButton text={all} label={t('enrol.copyAll')} />
        <Button icon={<DownloadOutlined aria-hidden />} onClick={download}>
          {t('enrol.download')}
        </Button>
      </div>
      <Checkbox className="haven-recovery-saved" checked={saved} onChange={(event) => setSaved(event.target.checked)}>
        {t('enrol.savedConfirm')}
      </Checkbox>
      <Button
        type="primary"
        size="large"
        block
        disabled={!saved}
        loading={continuing}
        onClick={() => {
          setContinuing(true);
          void refresh();
        }}
      >
        {t('enrol.continue')}
      </Button>
    </>
  );
}

/**
 * Enrolling an authenticator (roles that read children's files need one): a new secret as a QR
 * code and as text grouped in fours, confirmed by a first code; then the ten recovery codes, once.
 */
export default function EnrolmentStep() {
  const { t } = useTranslation();
  const { refresh, signOut } = useAuth();
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [setupError, setSetupError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  // Every setup call makes a new secret; ask once, even if React runs the effect twice.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    postTotpSetup().then(setEnrolment, setSetupError);
  }, []);

  async function confirm({ code }: { code: string }) {
    setSubmitting(true);
    setFailure(null);
    try {
      setRecoveryCodes(await postTotpConfirm(code));
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && error.code === 'totp_invalid') {
        form.setFields([{ name: 'code', errors: [error.message] }]);
        return;
      }
      if (error instanceof ApiError && error.status === 401) await refresh();
      setFailure(describeApiError(error, t));
    }
  }

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} />;

  return (
    <>
      <StepTitle>{t('enrol.title')}</StepTitle>
      <Typography.Paragraph type="secondary">{t('enrol.intro')}</Typography.Paragraph>
      {setupError !== null && (
        <Alert type="error" showIcon className="haven-login-error" message={describeApiError(setupError, t)} />
      )}
      {failure !== null && <Alert type="error" showIcon className="haven-login-error" message={failure} />}
      {enrolment === null && setupError === null && (
        <div className="haven-page-loading" role="status">
          <Spin />
          <span>{t('enrol.preparing')}</span>
        </div>
      )}
      {enrolment && (
        <ol className="haven-enrol-steps">
          <li>{t('enrol.stepInstall')}</li>
          <li>
            {t('enrol.stepScan')}
            <div className="haven-enrol-secret">
              <QrCode uri={enrolment.uri} label={t('enrol.qrLabel')} />
              <div>
                <Typography.Text type="secondary">{t('enrol.secretLabel')}</Typography.Text>
                <p className="haven-secret-text">
                  <code>{groupInFours(enrolment.secret)}</code>
                </p>
                <CopyButton text={enrolment.secret} label={t('enrol.copySecret')} />
              </div>
            </div>
          </li>
          <li>
            {t('enrol.stepCode')}
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(values) => void confirm(values)}
              className="haven-enrol-form"
            >
              <Form.Item
                label={t('totp.codeLabel')}
                name="code"
                normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
                rules={[
                  { required: true, message: t('totp.codeRequired') },
                  { pattern: /^\d{6}$/, message: t('totp.codeFormat') },
                ]}
              >
                <Input
                  className="haven-code-input"
                  inputMode="numeric"
                  pattern="[0-9]*"
                  autoComplete="one-time-code"
                  maxLength={6}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
                {t('enrol.confirm')}
              </Button>
            </Form>
          </li>
        </ol>
      )}
      <div className="haven-login-links">
        <Button type="link" onClick={() => void signOut(false)}>
          {t('login.otherAccount')}
        </Button>
      </div>
    </>
  );
}
