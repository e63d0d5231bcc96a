import { AuditOutlined, WarningFilled } from '@ant-design/icons';
import { type SupervisionByDirector, supervisionChecks } from '@contract/grassroots/supervision.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Empty, Form, Input, Select, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { DayField, todayValue } from '../../app/forms/DayField';
import { showFieldProblems } from '../../app/forms/serverErrors';
import { formatDate } from '../../app/format';
import { DivisionName } from '../divisions/DivisionName';
import { recordSupervision, useSupervision } from './rosterApi';
import { FollowUpLine } from './SupervisionFollowUp';
import { useNotice } from '../../app/notice/useNotice';

type Director = SupervisionByDirector['directors'][number];

interface Values {
  checkedOn: string;
  divisionCode?: string;
  checked: (typeof supervisionChecks)[number][];
  checkedNote?: string;
  findings: string;
  followUp?: string;
  followUpBy?: string;
}

function CheckForm({ director, onDone }: { director: Director; onDone: () => void }) {
  const { t } = useTranslation();
  const notice = useNotice();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [key] = useState(() => `supervision-${crypto.randomUUID()}`);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await recordSupervision(
        director.staffId,
        {
          checkedOn: v.checkedOn,
          ...(v.divisionCode ? { divisionCode: v.divisionCode } : {}),
          checked: v.checked,
          checkedNote: v.checkedNote || null,
          findings: v.findings,
          followUp: v.followUp || null,
          followUpBy: v.followUpBy ?? null,
        },
        key,
      );
      await queryClient.invalidateQueries({ queryKey: ['roster', 'supervision'] });
      notice.success(t('grassroots.supervision.saved'));
      onDone();
    } catch (caught) {
      showFieldProblems(form, caught, ['checkedOn', 'followUpBy', 'followUp', 'divisionCode']);
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
      name={`supervision-${director.staffId}`}
      className="haven-supervision-form"
      initialValues={{ checkedOn: todayValue(), divisionCode: director.divisionCodes[0], checked: ['home_visits'] }}
    >
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Form.Item name="checkedOn" label={t('grassroots.supervision.checkedOn')} rules={[{ required: true }]}>
        <DayField notAfterToday />
      </Form.Item>
      {director.divisionCodes.length > 1 && (
        <Form.Item name="divisionCode" label={t('grassroots.supervision.village')}>
          <Select
            options={director.divisionCodes.map((code) => ({ value: code, label: <DivisionName code={code} /> }))}
          />
        </Form.Item>
      )}
      <Form.Item name="checked" label={t('grassroots.supervision.checked')} rules={[{ required: true }]}>
        <Checkbox.Group
          options={supervisionChecks.map((c) => ({ value: c, label: t(`grassroots.supervision.check.${c}`) }))}
        />
      </Form.Item>
      <Form.Item name="checkedNote" label={t('grassroots.supervision.checkedNote')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="findings" label={t('grassroots.supervision.findings')} rules={[{ required: true }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Form.Item name="followUp" label={t('grassroots.supervision.followUp')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
      </Form.Item>
      <Form.Item
        name="followUpBy"
        label={t('grassroots.supervision.followUpBy')}
        extra={t('grassroots.supervision.followUpByHint')}
      >
        <DayField />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy}>
        {t('grassroots.supervision.save')}
      </Button>
    </Form>
  );
}

function DirectorCard({ director }: { director: Director }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <li className="haven-supervision-card">
      <div className="haven-supervision-head">
        <h3>{director.name}</h3>
        <span className="haven-secondary">
          {director.divisionCodes.map((code) => (
            <DivisionName key={code} code={code} />
          ))}
        </span>
        {director.lastCheckedOn ? (
          <span>{t('grassroots.supervision.lastChecked', { on: formatDate(director.lastCheckedOn, t) })}</span>
        ) : (
          <span className="haven-case-late">
            <WarningFilled aria-hidden /> {t('grassroots.supervision.neverChecked')}
          </span>
        )}
        <Button
          icon={<AuditOutlined aria-hidden />}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          className="haven-supervision-toggle"
        >
          {t('grassroots.supervision.recordFor', { name: director.name })}
        </Button>
      </div>
      {open && <CheckForm director={director} onDone={() => setOpen(false)} />}
      {director.entries.length > 0 && (
        <ol
          className="haven-supervision-entries"
          aria-label={t('grassroots.supervision.entriesOf', { name: director.name })}
        >
          {director.entries.map((e) => (
            <li key={e.id}>
              <strong>{formatDate(e.checkedOn, t)}</strong> · {e.supervisorName} · {e.divisionName ?? e.divisionCode}
              <div>
                {e.checked.map((c) => (
                  <Tag key={c}>{t(`grassroots.supervision.check.${c}`)}</Tag>
                ))}
                {e.checkedNote && <span className="haven-secondary">{e.checkedNote}</span>}
              </div>
              <p>{t('grassroots.supervision.findingsLine', { text: e.findings })}</p>
              <FollowUpLine entry={e} />
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

/** The supervision log (督导日志) per village director of my area; a never-checked director says so in words. */
export function SupervisionTab() {
  const { t } = useTranslation();
  const log = useSupervision();
  if (log.isPending) return <Spin />;
  if (log.isError) return <Alert type="error" showIcon message={describeApiError(log.error, t)} />;
  if (log.data.directors.length === 0) return <Empty description={t('grassroots.supervision.none')} />;
  return (
    <ul className="haven-supervision-list" aria-label={t('grassroots.tabs.supervision')}>
      {log.data.directors.map((d) => (
        <DirectorCard key={d.staffId} director={d} />
      ))}
    </ul>
  );
}
