import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { describeApiError } from '../api/describeApiError';
import { StandaloneFrame } from '../layout/StandaloneFrame';
import { PageLoading } from '../routing/PageLoading';
import { PageMessage } from '../routing/PageMessage';
import { useAuth } from './AuthProvider';
import { OfflineUnlock } from './OfflineUnlock';

/** Where a guarded page sends someone who is not signed in, remembering where they wanted to go. */
export interface LoginRedirectState {
  from?: string;
}

/** Pages inside the shell: signed-in people only; the others go to /login and come back after. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { auth, refresh } = useAuth();
  const location = useLocation();

  if (auth.status === 'loading') {
    return (
      <StandaloneFrame>
        <PageLoading />
      </StandaloneFrame>
    );
  }
  if (auth.status === 'unreachable') {
    return (
      <StandaloneFrame>
        <PageMessage
          title={t('auth.unreachableTitle')}
          body={describeApiError(auth.error, t)}
          action={
            <>
              <Button type="primary" onClick={() => void refresh()}>
                {t('auth.retry')}
              </Button>
              <OfflineUnlock />
            </>
          }
        />
      </StandaloneFrame>
    );
  }
  if (auth.status !== 'signedIn') {
    // After signing out on purpose the next person starts from the overview, not from where the
    // last one was; after a timeout or a step still owed, the same person continues where they were.
    const deliberate =
      auth.status === 'signedOut' && (auth.notice === 'signedOut' || auth.notice === 'signedOutEverywhere');
    const state: LoginRedirectState = deliberate
      ? {}
      : { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}
