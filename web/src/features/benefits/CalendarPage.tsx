import { Alert, Button, Form, Input, InputNumber, Progress, Table, Tag } from 'antd';
import type { CalendarYearView } from '@contract/calendar/calendar.js';
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

/**
 * 节假日安排: the State Council's arrangement per year. Loading a year is answered once it is stored;
 * its provisional deadlines are recomputed by a job whose batches done the page follows, and no
 * other year is loaded until it has finished.
 */
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
      notice.success(t('benefits.calendar.loaded', { year: result.year, total: result.batchesTotal }));
      form.resetFields();
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  const recompute = calendar.data?.recompute ?? null;
  const recomputedText = (row: CalendarYearView) => {
    if (row.source !== 'loaded') return '—';
    if (row.clocksRecomputed !== null) return t('benefits.calendar.recomputed', { count: row.clocksRecomputed });
    if (recompute?.year === row.year)
      return t('benefits.calendar.recomputingShort', { done: recompute.batchesDone, total: recompute.batchesTotal });
    return '—';
  };
  return (
    <div className="haven-stack">
      {recompute && (
        <Alert
          type="info"
          showIcon
          message={t('benefits.calendar.recomputing', {
            year: recompute.year,
            revision: recompute.revision,
            done: recompute.batchesDone,
            total: recompute.batchesTotal,
          })}
          description={
            <Progress
              percent={Math.floor((100 * recompute.batchesDone) / Math.max(1, recompute.batchesTotal))}
              status="active"
            />
          }
        />
      )}
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
            title: t('benefits.calendar.clocksRecomputed'),
            key: 'recomputed',
            render: (_: unknown, row: CalendarYearView) => recomputedText(row),
          },
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
        <Button type="primary" htmlType="submit" loading={load.isPending} disabled={recompute !== null}>
          {t('benefits.calendar.load')}
        </Button>
      </Form>
    </div>
  );
}
