import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api/client';
import { describeApiError } from '../../app/api/describeApiError';

export function loginErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    // 404/405/501: no sign-in endpoint in this deployment.
    if (error.status === 404 || error.status === 405 || error.status === 501) return t('apiError.loginUnavailable');
    if (error.code === undefined && (error.status === 400 || error.status === 401 || error.status === 403))
      return t('apiError.invalidCredentials');
  }
  return describeApiError(error, t);
}
