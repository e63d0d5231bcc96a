import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

/** A date on a phone: read-only input (the picker, never the keyboard), today and yesterday one tap away, no future. */
export function DateField({ name, label, required }: { name: string; label: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} rules={required ? [{ required: true }] : []}>
      <DatePicker
        inputReadOnly
        style={{ width: '100%' }}
        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        presets={[
          { label: t('grassroots.form.today'), value: dayjs() },
          { label: t('grassroots.form.yesterday'), value: dayjs().subtract(1, 'day') },
        ]}
      />
    </Form.Item>
  );
}
