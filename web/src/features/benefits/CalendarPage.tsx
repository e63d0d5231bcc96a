import { Alert, Button, Form, Input, InputNumber, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDateTime } from '../../app/format';
import { useNotice } from '../../app/notice/useNotice';
import { useCalendar, useLoadCalendar } from './benefitsApi';

interface Values {
  year: number;
  holidays: string;
  workdays?: string;
  note?: string;
}

const dates = (text: string | undefined) =>
  (text ?? '')
    .split(/[\s,，、;]+/)
    .map((d) => d.trim())
    .filter((d) => d.length > 0);

/** 节假日安排: the State Council's arrangement per year; loading a year recomputes provisional deadlines. */
export default function CalendarPage() {
  const { t } = useTranslation();
  const notice = useNotice();
  const calendar = useCalendar();
  const load = useLoadCalendar();
  const [form] = Form.useForm<Values>();
  const submit = async (values: Values) => {
    try {
      const result = await load.mutateAsync({
        year: values.year,
        input: { holidays: dates(values.holidays), workdays: dates(values.workdays), note: values.note || undefined },
      });
      notice.success(t('benefits.calendar.loaded', { year: result.year, changed: result.changed }));
      form.resetFields();
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <div className="haven-stack">
      {calendar.data && (
        <Alert
          type={calendar.data.provisionalClocks > 0 ? 'warning' : 'info'}
          showIcon
          message={t('benefits.calendar.provisionalClocks', { count: calendar.data.provisionalClocks })}
        />
      )}
      <Table
        rowKey="year"
        loading={calendar.isLoading}
        dataSource={calendar.data?.years ?? []}
        pagination={false}
        scroll={{ x: 600 }}
        columns={[
          { title: t('benefits.calendar.year'), dataIndex: 'year' },
          {
            title: t('benefits.calendar.source'),
            dataIndex: 'source',
            render: (source: 'shipped' | 'loaded') => <Tag>{t(`benefits.calendar.sourceKind.${source}`)}</Tag>,
          },
          { title: t('benefits.calendar.holidays'), dataIndex: 'holidays', render: (list: string[]) => list.length },
          { title: t('benefits.calendar.workdays'), dataIndex: 'workdays', render: (list: string[]) => list.join(' ') },
          {
            title: t('benefits.calendar.loadedAt'),
            dataIndex: 'loadedAt',
            render: (at: string | null) => (at ? formatDateTime(at, t) : '—'),
          },
        ]}
      />
      <h2>{t('benefits.calendar.enter')}</h2>
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 640 }}>
        <Form.Item name="year" label={t('benefits.calendar.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="holidays"
          label={t('benefits.calendar.holidays')}
          extra={t('benefits.calendar.datesHelp')}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="workdays" label={t('benefits.calendar.workdays')} extra={t('benefits.calendar.datesHelp')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="note" label={t('benefits.calendar.note')}>
          <Input maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={load.isPending}>
          {t('benefits.calendar.load')}
        </Button>
      </Form>
    </div>
  );
}
