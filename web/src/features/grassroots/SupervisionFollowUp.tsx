import { CheckCircleOutlined, ClockCircleOutlined, WarningFilled } from '@ant-design/icons';
import type { SupervisionEntry } from '@contract/grassroots/supervision.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { DayField, todayValue } from '../../app/forms/DayField';
import { showFieldProblems } from '../../app/forms/serverErrors';
import { formatDate } from '../../app/format';
import { useNotice } from '../../app/notice/useNotice';
import { recordFollowUpDone } from './rosterApi';

interface Values {
  doneOn: string;
  note?: string;
}

function DoneForm({ entry, onDone }: { entry: SupervisionEntry; onDone: () => void }) {
  const { t } = useTranslation();
  const notice = useNotice();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [key] = useState(() => `follow-up-${crypto.randomUUID()}`);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await recordFollowUpDone(entry.id, { doneOn: v.doneOn, note: v.note || null }, key);
      await queryClient.invalidateQueries({ queryKey: ['roster', 'supervision'] });
      await queryClient.invalidateQueries({ queryKey: ['my-work'] });
      notice.success(t('grassroots.supervision.followUpSaved'));
      onDone();
    } catch (caught) {
      showFieldProblems(form, caught, ['doneOn']);
      setError(describeApiError(caught, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      name={`follow-up-${entry.id}`}
      className="haven-supervision-form"
      initialValues={{ doneOn: todayValue() }}
    >
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Form.Item name="doneOn" label={t('grassroots.supervision.doneOn')} rules={[{ required: true }]}>
        <DayField notAfterToday />
      </Form.Item>
      <Form.Item name="note" label={t('grassroots.supervision.doneNote')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy}>
        {t('grassroots.supervision.saveDone')}
      </Button>
    </Form>
  );
}

/**
 * The follow-up a check asked for, in words: done (when, by whom, what came of it), late (red, an
 * icon and the words — never colour alone) or due by its date; with the form to record it done.
 */
export function FollowUpLine({ entry }: { entry: SupervisionEntry }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!entry.followUp) return null;
  const by = entry.followUpBy ? formatDate(entry.followUpBy, t) : null;
  const done = entry.followUpDone;
  return (
    <div className="haven-supervision-follow-up">
      <p>{t('grassroots.supervision.followUpLine', { text: entry.followUp })}</p>
      {done ? (
        <p>
          <CheckCircleOutlined aria-hidden />{' '}
          {t('grassroots.supervision.followUpDone', { on: formatDate(done.on, t), by: done.by })}
          {done.note && <span className="haven-secondary"> · {done.note}</span>}
        </p>
      ) : (
        <>
          <p className={entry.followUpOverdue ? 'haven-case-late' : undefined}>
            {entry.followUpOverdue ? <WarningFilled aria-hidden /> : <ClockCircleOutlined aria-hidden />}{' '}
            {entry.followUpOverdue
              ? t('grassroots.supervision.followUpOverdue', { on: by ?? '—' })
              : t('grassroots.supervision.followUpDue', { on: by ?? '—' })}
          </p>
          <Button onClick={() => setOpen((o) => !o)} aria-expanded={open} className="haven-supervision-toggle">
            {t('grassroots.supervision.recordDone')}
          </Button>
          {open && <DoneForm entry={entry} onDone={() => setOpen(false)} />}
        </>
      )}
    </div>
  );
}
