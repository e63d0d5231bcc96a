import { Button, DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { usePhoneLayout } from '../preferences/usePhoneLayout';

export interface DateTimeFieldProps {
  id?: string;
  value?: Dayjs;
  onChange?: (value: Dayjs | null) => void;
  'aria-required'?: boolean;
  'aria-invalid'?: boolean;
  /** The moment cannot lie ahead (when something was learnt, when someone attended). */
  notAfterNow?: boolean;
}

const nativeFormat = 'YYYY-MM-DDTHH:mm';

/** The chosen day at the chosen time of day (or the present one), never later than now when that is asked. */
function onDay(day: Dayjs, timeOf: Dayjs | undefined, notAfterNow: boolean): Dayjs {
  const time = timeOf ?? dayjs();
  const moment = day.hour(time.hour()).minute(time.minute()).second(0).millisecond(0);
  return notAfterNow && moment.isAfter(dayjs()) ? dayjs().second(0).millisecond(0) : moment;
}

/**
 * A date and time a person picks with a thumb: on a phone the browser's own picker (it fits the
 * screen, unlike antd's 645 px two-panel one), on a desktop antd's; quick choices 刚才 / 今天 / 昨天
 * on both, because most moments reported are "just now" or "earlier today".
 */
export function DateTimeField({ value, onChange, notAfterNow = false, ...aria }: DateTimeFieldProps) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const now = dayjs();
  const choose = (moment: Dayjs | null) => onChange?.(moment);
  return (
    <div className="haven-datetime">
      {phone ? (
        <input
          {...aria}
          type="datetime-local"
          className="ant-input ant-input-outlined haven-datetime-native"
          value={value ? value.format(nativeFormat) : ''}
          max={notAfterNow ? now.format(nativeFormat) : undefined}
          onChange={(event) => choose(event.target.value ? dayjs(event.target.value) : null)}
        />
      ) : (
        <DatePicker
          {...aria}
          value={value}
          onChange={choose}
          showTime={{ format: 'HH:mm' }}
          format={t('forms.dateTime.format')}
          disabledDate={notAfterNow ? (day) => day.isAfter(dayjs(), 'day') : undefined}
        />
      )}
      <fieldset className="haven-datetime-quick">
        <legend className="haven-visually-hidden">{t('forms.dateTime.quick')}</legend>
        <Button onClick={() => choose(dayjs().second(0).millisecond(0))}>{t('forms.dateTime.justNow')}</Button>
        <Button onClick={() => choose(onDay(dayjs(), value, notAfterNow))}>{t('forms.dateTime.today')}</Button>
        <Button onClick={() => choose(onDay(dayjs().subtract(1, 'day'), value, notAfterNow))}>
          {t('forms.dateTime.yesterday')}
        </Button>
      </fieldset>
    </div>
  );
}
