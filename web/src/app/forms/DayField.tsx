import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { usePhoneLayout } from '../preferences/usePhoneLayout';

export interface DayFieldProps {
  id?: string;
  /** The day as the API speaks it (YYYY-MM-DD). */
  value?: string | null;
  onChange?: (day: string | undefined) => void;
  /** The day cannot lie ahead (a visit made, a check passed, a session held): "today" and "yesterday" are one tap away. */
  notAfterToday?: boolean;
  'aria-label'?: string;
  'aria-required'?: boolean;
  'aria-invalid'?: boolean;
}

/**
 * The one day field of the app, inside a `Form.Item` (which gives it its id, value and onChange).
 * A day picked in the app's language (2026年3月1日 / 1 Mar 2026) — a native date input shows the
 * browser's language instead. Antd's one-month panel fits a 390 px phone; there the text box is
 * read-only so the keyboard does not cover the panel. A day that cannot lie ahead offers 今天 / 昨天
 * (today / yesterday) in the panel and no later day.
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
      presets={
        notAfterToday
          ? [
              { label: t('forms.today'), value: dayjs() },
              { label: t('forms.yesterday'), value: dayjs().subtract(1, 'day') },
            ]
          : undefined
      }
    />
  );
}

/** Today as a DayField's value (YYYY-MM-DD, the phone's own day). */
export const todayValue = () => dayjs().format('YYYY-MM-DD');
