import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { passwordUnlockOffered, WrongPassword } from '../offline/store';
import { useAuth } from './AuthProvider';

/**
 * On the "server unreachable" page: when this phone keeps a sealed store for the last person signed
 * in here, they may open it with their password and work offline (the due list and the visit form).
 */
export function OfflineUnlock() {
  const { t } = useTranslation();
  const { workOffline } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [offered, setOffered] = useState<{ username: string } | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void passwordUnlockOffered()
      .then(setOffered)
      .catch(() => setOffered(null));
  }, []);
  if (!offered) return null;

  if (!asking)
    return (
      <div className="haven-offline-unlock">
        <p>{t('auth.offline.offer', { username: offered.username })}</p>
        <Button size="large" block onClick={() => setAsking(true)}>
          {t('auth.offline.start')}
        </Button>
      </div>
    );

  const unlock = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await workOffline(password);
      if (!location.pathname.startsWith('/visits')) navigate('/visits', { replace: true });
    } catch (caught) {
      setError(t(caught instanceof WrongPassword ? 'auth.offline.wrongPassword' : 'auth.offline.unavailable'));
      if (!(caught instanceof WrongPassword)) setOffered(await passwordUnlockOffered().catch(() => null));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<{ password: string }> className="haven-offline-unlock" layout="vertical" onFinish={unlock}>
      <p>{t('auth.offline.explain', { username: offered.username })}</p>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Form.Item
        name="password"
        label={t('auth.offline.password')}
        rules={[{ required: true, message: t('auth.offline.passwordNeeded') }]}
      >
        <Input.Password autoComplete="current-password" autoFocus size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy}>
        {t('auth.offline.unlock')}
      </Button>
    </Form>
  );
}
