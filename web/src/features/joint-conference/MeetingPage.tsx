import { Alert, Button, Card, Descriptions, Form, Input, Popconfirm, Select, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDate } from '../../app/format';
import { useNotice } from '../../app/notice/useNotice';
import '../cases/cases.css';
import './conference.css';
import { ActionItemList } from './ActionItemList';
import { AgendaSection } from './AgendaSection';
import {
  type Attendance,
  attendanceValues,
  conferenceApi,
  downloadMinutes,
  labelOf,
  type MeetingView,
  useMeeting,
  useRefreshConference,
  vocabularyLabels,
} from './conferenceApi';

/** One meeting: its agenda built from escalations, attendance, decisions, and the minutes to download. */
export default function MeetingPage() {
  const { meetingId = '' } = useParams();
  const { t } = useTranslation();
  const meeting = useMeeting(meetingId);
  if (meeting.isError) return <Alert type="error" showIcon message={describeApiError(meeting.error, t)} />;
  if (meeting.isPending) return <Spin />;
  return <MeetingDetail meeting={meeting.data} />;
}

function MeetingDetail({ meeting }: { meeting: MeetingView }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshConference();
  const notice = useNotice();
  const [busy, setBusy] = useState<string | null>(null);
  const editable = meeting.mayManage && meeting.status !== 'minutes_approved';

  async function run(name: string, change: () => Promise<unknown>) {
    setBusy(name);
    try {
      await change();
      void notice.success(t('jointConference.saved'));
      refresh();
    } catch (error) {
      void notice.error(describeApiError(error, t));
      refresh();
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="haven-stack haven-conference">
      <Card>
        <Space wrap>
          <Tag color="blue">{labelOf(vocabularyLabels.status[meeting.status], i18n.language)}</Tag>
          <span>
            {meeting.divisionName}（{labelOf(vocabularyLabels.level[meeting.level], i18n.language)}）
          </span>
        </Space>
        <h2>{meeting.title}</h2>
        <Descriptions
          column={{ xs: 1, sm: 2 }}
          size="small"
          items={[
            { key: 'date', label: t('jointConference.meetsOn'), children: formatDate(meeting.meetsOn, t) },
            { key: 'place', label: t('jointConference.place'), children: meeting.place },
            { key: 'chair', label: t('jointConference.chair'), children: meeting.chair },
            { key: 'convener', label: t('jointConference.convener'), children: meeting.convener?.name ?? '—' },
          ]}
        />
        <span className="haven-form-footer">
          {meeting.allowedSteps.map((step) => (
            <Popconfirm
              key={step}
              title={t(`jointConference.confirm.${step}`)}
              okText={t(`jointConference.meetingStep.${step}`)}
              onConfirm={() =>
                void run(step, () => conferenceApi.step(meeting.id, { step, expectedVersion: meeting.version }))
              }
            >
              <Button type="primary" loading={busy === step}>
                {t(`jointConference.meetingStep.${step}`)}
              </Button>
            </Popconfirm>
          ))}
          <Button loading={busy === 'pdf'} onClick={() => void run('pdf', () => downloadMinutes(meeting.id, 'pdf'))}>
            {t('jointConference.downloadPdf')}
          </Button>
          <Button loading={busy === 'xlsx'} onClick={() => void run('xlsx', () => downloadMinutes(meeting.id, 'xlsx'))}>
            {t('jointConference.downloadXlsx')}
          </Button>
          <Link to="/joint-conference">{t('jointConference.backToList')}</Link>
        </span>
      </Card>

      <AgendaSection meeting={meeting} editable={editable} />

      <Card title={<h3>{t('jointConference.attendance')}</h3>}>
        <AttendanceForm meeting={meeting} editable={editable} onSave={run} busy={busy === 'attendance'} />
      </Card>

      <Card title={<h3>{t('jointConference.summary')}</h3>}>
        <SummaryForm meeting={meeting} editable={editable} onSave={run} busy={busy === 'summary'} />
      </Card>

      <Card title={<h3>{t('jointConference.decisions')}</h3>}>
        <ActionItemList items={meeting.actionItems} />
        {meeting.mayManage && meeting.status === 'held' && <NewActionItem meeting={meeting} onSave={run} />}
        {meeting.mayManage && meeting.status === 'planned' && <p>{t('jointConference.decideAfterHeld')}</p>}
      </Card>
    </div>
  );
}

type Save = (name: string, change: () => Promise<unknown>) => Promise<void>;

function AttendanceForm({
  meeting,
  editable,
  onSave,
  busy,
}: {
  meeting: MeetingView;
  editable: boolean;
  onSave: Save;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Record<string, Attendance | null>>(() =>
    Object.fromEntries(meeting.attendance.map((a) => [a.organisationId, a.attendance])),
  );
  const options = attendanceValues.map((value) => ({
    value,
    label: labelOf(vocabularyLabels.attendance[value], i18n.language),
  }));
  return (
    <>
      <ul className="haven-work-list" aria-label={t('jointConference.attendance')}>
        {meeting.attendance.map((entry) => (
          <li key={entry.organisationId}>
            <div className="haven-work-item-main">
              <label htmlFor={`attendance-${entry.organisationId}`}>{entry.name}</label>
              {entry.delegateName && <p>{entry.delegateName}</p>}
            </div>
            {editable ? (
              <Select
                id={`attendance-${entry.organisationId}`}
                style={{ minWidth: 140 }}
                allowClear
                value={values[entry.organisationId] ?? undefined}
                options={options}
                onChange={(value?: Attendance) => setValues((v) => ({ ...v, [entry.organisationId]: value ?? null }))}
              />
            ) : (
              <span>
                {entry.attendance ? labelOf(vocabularyLabels.attendance[entry.attendance], i18n.language) : '—'}
              </span>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <Button
          loading={busy}
          onClick={() =>
            void onSave('attendance', () =>
              conferenceApi.attendance(meeting.id, {
                expectedVersion: meeting.version,
                entries: Object.entries(values)
                  .filter((entry): entry is [string, Attendance] => entry[1] !== null)
                  .map(([organisationId, attendance]) => ({ organisationId, attendance })),
              }),
            )
          }
        >
          {t('jointConference.saveAttendance')}
        </Button>
      )}
    </>
  );
}

function SummaryForm({
  meeting,
  editable,
  onSave,
  busy,
}: {
  meeting: MeetingView;
  editable: boolean;
  onSave: Save;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState(meeting.summary ?? '');
  if (!editable) return <p>{meeting.summary ?? t('jointConference.noSummary')}</p>;
  return (
    <>
      <label htmlFor="conference-summary" className="haven-visually-hidden">
        {t('jointConference.summary')}
      </label>
      <Input.TextArea
        id="conference-summary"
        rows={4}
        maxLength={10_000}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
      />
      <Button
        loading={busy}
        style={{ marginTop: 8 }}
        onClick={() =>
          void onSave('summary', () =>
            conferenceApi.updateMeeting(meeting.id, { expectedVersion: meeting.version, summary }),
          )
        }
      >
        {t('jointConference.saveSummary')}
      </Button>
    </>
  );
}

interface NewItem {
  title: string;
  ownerOrganisationId: string;
  dueOn: string;
  agendaItemId?: string;
}

function NewActionItem({ meeting, onSave }: { meeting: MeetingView; onSave: Save }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewItem>();
  const [key, setKey] = useState(() => crypto.randomUUID());
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 16 }}
      onFinish={(values) =>
        void onSave('item', async () => {
          await conferenceApi.createActionItem(meeting.id, values, key);
          setKey(crypto.randomUUID());
          form.resetFields();
        })
      }
    >
      <h4>{t('jointConference.newItem')}</h4>
      <Form.Item name="title" label={t('jointConference.itemTitle')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="ownerOrganisationId" label={t('jointConference.owner')} rules={[{ required: true }]}>
        <Select options={meeting.attendance.map((a) => ({ value: a.organisationId, label: a.name }))} />
      </Form.Item>
      <Form.Item name="dueOn" label={t('jointConference.dueOn')} rules={[{ required: true }]}>
        <Input type="date" min={meeting.meetsOn} />
      </Form.Item>
      <Form.Item name="agendaItemId" label={t('jointConference.fromAgenda')}>
        <Select allowClear options={meeting.agenda.map((a) => ({ value: a.id, label: `${a.position}. ${a.title}` }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('jointConference.addItem')}
      </Button>
    </Form>
  );
}
