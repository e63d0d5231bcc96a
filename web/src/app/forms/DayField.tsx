import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { usePhoneLayout } from '../preferences/usePhoneLayout';

export interface DayFieldProps {
  id?: string;
  /** The day as the API speaks it (YYYY-MM-DD). */
  value?: string;
  onChange?: (day: string | undefined) => void;
  /** The day cannot lie ahead (a check passed, a session held). */
  notAfterToday?: boolean;
  'aria-label'?: string;
  'aria-required'?: boolean;
  'aria-invalid'?: boolean;
}

/**
 * A day picked in the app's language (2026年3月1日 / 1 Mar 2026) — a native date input shows the
 * browser's language instead. Antd's one-month panel fits a 390 px phone; there the text box is
 * read-only so the keyboard does not cover the panel.
 */
export function DayField({ value, onChange, notAfterToday = false, ...aria }: DayFieldProps) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  return (
    <DatePicker
      {...aria}
      style={{ width: '100%' }}
      inputReadOnly={phone}
      value={value ? dayjs(value) : null}
      format={t('format.date')}
      onChange={(day) => onChange?.(day ? day.format('YYYY-MM-DD') : undefined)}
      disabledDate={notAfterToday ? (day) => day.isAfter(dayjs(), 'day') : undefined}
    />
  );
}
