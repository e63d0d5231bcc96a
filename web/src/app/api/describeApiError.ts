import type { TFunction } from 'i18next';
import { ApiError } from './client';

/** A sentence for the reader about a failed call: what went wrong and what to do next. */
export function describeApiError(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('apiError.unexpected', { status: '-' });
  if (error.status === 0) return t('apiError.network');
  if (error.status === 429) return t('apiError.tooManyAttempts');
  if (error.status >= 500) return t('apiError.server', { status: error.status });
  return t('apiError.unexpected', { status: error.status });
}
