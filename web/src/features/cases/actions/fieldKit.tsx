import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { codeText } from '../labels';

export { DateTimeField } from '../../../app/forms/DateTimeField';
export { ChoiceGroup } from '../../../app/forms/ChoiceGroup';

/** Select options for a vocabulary, in our words. */
export function codeOptions(t: TFunction, prefix: string, codes: readonly string[]) {
  return codes.map((code) => ({ value: code, label: codeText(t, `${prefix}.${code}`, code) }));
}

/** Form.Item props for a date held as ISO `YYYY-MM-DD` (what the API takes). */
export const isoDateItem = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null) => value?.format('YYYY-MM-DD'),
};

/** Form.Item props for a moment held as an ISO date-time with offset. */
export const isoInstantItem = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null) => value?.format(),
};

export function DateField(props: {
  id?: string;
  value?: Dayjs;
  onChange?: (value: Dayjs | null) => void;
  'aria-required'?: boolean;
}) {
  const { t } = useTranslation();
  return <DatePicker {...props} format={t('format.date')} />;
}

/** Lines of a textarea as a list (participants, decisions, services). */
export function lines(text: unknown): string[] {
  return typeof text === 'string'
    ? text
        .split(/\n|；|;/)
        .map((line) => line.trim())
        .filter(Boolean)
    : [];
}

export const today = () => dayjs().format('YYYY-MM-DD');
export const now = () => dayjs().format();
