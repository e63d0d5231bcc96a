import type { TrainingList, TrainingStatus } from '@contract/grassroots/training.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth, useMe } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { recordTraining, useRoster, useTrainingStatus, useTrainings } from './rosterApi';

type Session = TrainingList['items'][number];
type StatusRow = TrainingStatus['items'][number];

interface SessionForm {
  topic: string;
  heldOn: Dayjs;
  hours: number;
  trainer: string;
  certificate?: string;
  attendees?: string[];
}

function NewSession({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const notice = useNotice();
  const me = useMe();
  const roster = useRoster();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useMemo(() => `training-${crypto.randomUUID()}`, []);
  const submit = async (values: SessionForm) => {
    setBusy(true);
    setError(null);
    try {
      await recordTraining(
        {
          topic: values.topic,
          heldOn: values.heldOn.format('YYYY-MM-DD'),
          hours: values.hours,
          trainer: values.trainer,
          organisationId: me.user.organisationId,
          divisionCode: me.user.jurisdictionCode.padEnd(12, '0'),
          certificate: values.certificate || null,
          attendees: (values.attendees ?? []).map((staffId) => ({ staffId })),
        },
        key,
      );
      notice.success(t('grassroots.training.saved'));
      await queryClient.invalidateQueries({ queryKey: ['roster'] });
      onDone();
    } catch (caught) {
      setError(describeApiError(caught, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<SessionForm> layout="vertical" onFinish={submit} initialValues={{ heldOn: dayjs(), hours: 3 }}>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Form.Item name="topic" label={t('grassroots.training.topic')} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="heldOn" label={t('grassroots.training.heldOn')} rules={[{ required: true }]}>
        <DatePicker inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="hours" label={t('grassroots.training.hours')} rules={[{ required: true }]}>
        <InputNumber min={0.5} max={200} step={0.5} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="trainer" label={t('grassroots.training.trainer')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="certificate" label={t('grassroots.training.certificate')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="attendees" label={t('grassroots.training.attendees')}>
        <Select
          mode="multiple"
          loading={roster.isPending}
          optionFilterProp="label"
          options={(roster.data?.items ?? [])
            .filter((s) => s.status === 'active')
            .map((s) => ({ value: s.id, label: `${s.name}（${t(`grassroots.post.${s.post}`)}）` }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy}>
        {t('grassroots.training.save')}
      </Button>
    </Form>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const sessions = useTrainings();
  const [open, setOpen] = useState(false);
  if (sessions.isError) return <Alert type="error" showIcon message={describeApiError(sessions.error, t)} />;
  return (
    <>
      {can('roster.manage') && (
        <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          {t('grassroots.training.new')}
        </Button>
      )}
      <Table<Session>
        rowKey="id"
        loading={sessions.isPending}
        dataSource={sessions.data?.items}
        scroll={{ x: 720 }}
        columns={[
          { key: 'heldOn', title: t('grassroots.training.heldOn'), dataIndex: 'heldOn' },
          { key: 'topic', title: t('grassroots.training.topic'), dataIndex: 'topic' },
          { key: 'hours', title: t('grassroots.training.hours'), dataIndex: 'hours' },
          { key: 'trainer', title: t('grassroots.training.trainer'), dataIndex: 'trainer' },
          {
            key: 'attendees',
            title: t('grassroots.training.attendees'),
            render: (_, s) => s.attendees.map((a) => <Tag key={a.staffId}>{a.name}</Tag>),
          },
          {
            key: 'certificate',
            title: t('grassroots.training.certificate'),
            render: (_, s) => s.certificate ?? t('grassroots.training.none'),
          },
        ]}
      />
      <Drawer open={open} onClose={() => setOpen(false)} title={t('grassroots.training.new')} width="min(100vw, 520px)">
        {open && <NewSession onDone={() => setOpen(false)} />}
      </Drawer>
    </>
  );
}

function Status() {
  const { t } = useTranslation();
  const status = useTrainingStatus();
  if (status.isError) return <Alert type="error" showIcon message={describeApiError(status.error, t)} />;
  return (
    <>
      {status.data && <p>{t('grassroots.training.threshold', { count: status.data.overloadThreshold })}</p>}
      <Table<StatusRow>
        rowKey="staffId"
        loading={status.isPending}
        dataSource={status.data?.items}
        scroll={{ x: 760 }}
        columns={[
          { key: 'name', title: t('grassroots.roster.name'), dataIndex: 'name' },
          { key: 'post', title: t('grassroots.roster.post'), render: (_, s) => t(`grassroots.post.${s.post}`) },
          { key: 'before', title: t('grassroots.training.hoursBefore'), dataIndex: 'hoursBefore' },
          { key: 'hours', title: t('grassroots.training.sessionHours'), dataIndex: 'sessionHours' },
          {
            key: 'last',
            title: t('grassroots.training.lastTrainedOn'),
            render: (_, s) => s.lastTrainedOn ?? t('grassroots.training.none'),
          },
          { key: 'children', title: t('grassroots.training.children'), dataIndex: 'childrenAssigned' },
          {
            key: 'flags',
            title: '',
            render: (_, s) => (
              <>
                {s.neverTrained && <Tag color="red">{t('grassroots.training.neverTrained')}</Tag>}
                {s.overloaded && <Tag color="orange">{t('grassroots.training.overloaded')}</Tag>}
              </>
            ),
          },
          {
            key: 'appraise',
            title: '',
            render: (_, s) => (
              <Link to={`/grassroots/appraisal/${s.staffId}`}>{t('grassroots.training.appraise')}</Link>
            ),
          },
        ]}
      />
    </>
  );
}

/** Training sessions with attendance; who was never trained and who is overloaded; the way to each yearly assessment. */
export default function TrainingPage() {
  const { t } = useTranslation();
  return (
    <Tabs
      items={[
        { key: 'status', label: t('grassroots.training.status'), children: <Status /> },
        { key: 'sessions', label: t('grassroots.training.sessions'), children: <Sessions /> },
      ]}
    />
  );
}
