import { Card } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../../app/auth/AuthProvider';
import { StandaloneFrame } from '../../app/layout/StandaloneFrame';
import { PageLoading } from '../../app/routing/PageLoading';
import EnrolmentStep from './EnrolmentStep';
import { PasswordChangeStep } from './PasswordChangeStep';
import { PasswordStep } from './PasswordStep';
import { returnPathFrom } from './returnPath';
import { TotpStep } from './TotpStep';

// Every step is in this page's chunk, enrolment (with its QR code) included: while a step is owed
// the server answers 401 to any other file, so nothing may be fetched lazily until the sign-in is
// complete (see the access report: the web-app routes need `access: 'public'`).
/**
 * Sign-in and the steps the server may still ask for (`needs`): an authenticator code, enrolling
 * an authenticator, a new password. One address, so a reload lands on the step still owed and the
 * page the person wanted is remembered throughout.
 */
export default function LoginPage() {
  const { auth } = useAuth();
  const location = useLocation();

  if (auth.status === 'signedIn') return <Navigate to={returnPathFrom(location.state)} replace />;

  let step: ReactNode;
  if (auth.status === 'loading') step = <PageLoading />;
  else if (auth.status !== 'pending') step = <PasswordStep notice={auth.status === 'signedOut' ? auth.notice : null} />;
  else if (auth.needs === 'totp') step = <TotpStep />;
  else if (auth.needs === 'totp_enrolment') step = <EnrolmentStep />;
  else step = <PasswordChangeStep />;

  return (
    <StandaloneFrame>
      <Card className="haven-login-card">{step}</Card>
    </StandaloneFrame>
  );
}
