import { Button, DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { usePhoneLayout } from '../preferences/usePhoneLayout';

export interface DayFieldProps {
  id?: string;
  /** The day as the API speaks it (YYYY-MM-DD). */
  value?: string | null;
  onChange?: (day: string | undefined) => void;
  /** The day cannot lie ahead (a visit made, a check passed, a session held): 今天 / 昨天 one tap away, no later day. */
  notAfterToday?: boolean;
  'aria-label'?: string;
  'aria-required'?: boolean;
  'aria-invalid'?: boolean;
}

const iso = 'YYYY-MM-DD';

/**
 * The app's one day field, inside a `Form.Item` (which gives it its id, value and onChange), as
 * `DateTimeField` is for a moment: on a phone the browser's own date input (its picker fits the
 * screen and the thumb; antd's panel with quick days does not fit 390 px), on a desktop antd's
 * one-month picker in the app's language (2026年3月1日 / 1 Mar 2026). A day that cannot lie ahead
 * offers 今天 / 昨天 as buttons under the field on both, and no later day.
 */
export function DayField({ value, onChange, notAfterToday = false, ...aria }: DayFieldProps) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const today = dayjs();
  const field = phone ? (
    <input
      {...aria}
      type="date"
      className="ant-input ant-input-outlined haven-datetime-native"
      value={value ?? ''}
      max={notAfterToday ? today.format(iso) : undefined}
      onChange={(event) => onChange?.(event.target.value || undefined)}
    />
  ) : (
    <DatePicker
      {...aria}
      style={notAfterToday ? { flex: '1 1 180px', maxWidth: 320 } : { width: '100%' }}
      value={value ? dayjs(value) : null}
      format={t('format.date')}
      onChange={(day) => onChange?.(day ? day.format(iso) : undefined)}
      disabledDate={notAfterToday ? (day) => day.isAfter(dayjs(), 'day') : undefined}
    />
  );
  if (!notAfterToday) return field;
  return (
    <div className="haven-datetime haven-day-field">
      {field}
      <fieldset className="haven-datetime-quick">
        <legend className="haven-visually-hidden">{t('forms.quickDays')}</legend>
        <Button onClick={() => onChange?.(today.format(iso))}>{t('forms.today')}</Button>
        <Button onClick={() => onChange?.(today.subtract(1, 'day').format(iso))}>{t('forms.yesterday')}</Button>
      </fieldset>
    </div>
  );
}

/** Today as a DayField's value (YYYY-MM-DD, the phone's own day). */
export const todayValue = () => dayjs().format(iso);
