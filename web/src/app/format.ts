import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

/** 2026年11月28日 in Chinese, 28 Nov 2026 in English; '—' for nothing. */
export function formatDate(iso: string | null | undefined, t: TFunction): string {
  return iso ? dayjs(iso).format(t('format.date')) : '—';
}

export function formatDateTime(iso: string | null | undefined, t: TFunction): string {
  return iso ? dayjs(iso).format(t('format.dateTime')) : '—';
}
