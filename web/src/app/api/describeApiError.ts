import type { TFunction } from 'i18next';
import { ApiError } from './client';

/**
 * A sentence for the reader about a failed call: what went wrong and what to do next. A refusal
 * the server explains (4xx with a code) is shown in the server's words, which already follow the
 * reader's language (the client sends Accept-Language); network trouble and server faults get ours.
 */
export function describeApiError(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('apiError.unexpected', { status: '-' });
  if (error.status === 0) return t('apiError.network');
  if (error.status >= 500) return t('apiError.server', { status: error.status });
  if (error.code !== undefined && error.message !== '') return error.message;
  if (error.status === 429) return t('apiError.tooManyAttempts');
  return t('apiError.unexpected', { status: error.status });
}
