import { DayField } from '../../app/forms/DayField';
import {
  incubationActionLabels,
  incubationStatusLabels,
  incubationSupportCodes,
  incubationSupportKinds,
  type IncubationUserAction,
} from '@contract/projects/incubation.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { FormSelect } from '../../app/forms/FormSelect';
import { useNotice } from '../../app/notice/useNotice';
import { DivisionPicker } from '../divisions/DivisionPicker';
import {
  actOnIncubation,
  fenOf,
  type IncubationView,
  incubationLabel,
  startIncubation,
  useIncubations,
  yuan,
} from './projectsApi';

/* Incubation records (§4.3.1): the civil-affairs officer reads them and records each step. Cards fit 390 px. */

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const statusColour = { incubating: 'processing', registered: 'success', ended: 'default' } as const;

function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['society-incubations'] }),
      queryClient.invalidateQueries({ queryKey: ['society-coverage'] }),
    ]);
}

interface StartValues {
  name: string;
  incubator: string;
  divisionCode: string;
  startsOn: string;
  plannedEndOn: string;
  note?: string;
}

function StartIncubationForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StartValues>();
  const notice = useNotice();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const refresh = useRefresh();
  const submit = async (values: StartValues) => {
    try {
      await startIncubation({ ...values, services: [], note: values.note || undefined }, key);
      setKey(crypto.randomUUID());
      await refresh();
      notice.success(t('projects.incubation.started'));
      onDone();
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <Card size="small" title={t('projects.incubation.start')}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ startsOn: chinaToday() }}>
        <Form.Item name="name" label={t('projects.incubation.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="incubator" label={t('projects.incubation.incubator')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('projects.incubation.area')} rules={[{ required: true }]}>
          <DivisionPicker />
        </Form.Item>
        <Form.Item name="startsOn" label={t('projects.incubation.startsOn')} rules={[{ required: true }]}>
          <DayField />
        </Form.Item>
        <Form.Item name="plannedEndOn" label={t('projects.incubation.plannedEndOn')} rules={[{ required: true }]}>
          <DayField />
        </Form.Item>
        <Form.Item name="note" label={t('projects.forms.note')}>
          <Input.TextArea maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('projects.incubation.startButton')}
        </Button>
      </Form>
    </Card>
  );
}

interface StepValues {
  type: IncubationUserAction;
  day: string;
  title?: string;
  kind?: (typeof incubationSupportCodes)[number];
  amountYuan?: string;
  note?: string;
  registrationNumber?: string;
  reason?: string;
}

/** One step on an incubation: a milestone, support given, its registration or its end (the seq read is sent). */
function RecordStepForm({ incubation }: { incubation: IncubationView }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<StepValues>();
  const notice = useNotice();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const refresh = useRefresh();
  const type = Form.useWatch('type', form);
  const kind = Form.useWatch('kind', form);
  const submit = async (values: StepValues) => {
    const expectedSeq = incubation.seq;
    const amountFen = values.amountYuan ? fenOf(values.amountYuan) : undefined;
    if (amountFen === null) {
      form.setFields([{ name: 'amountYuan', errors: [t('projects.incubation.amountFormat')] }]);
      return;
    }
    const input =
      values.type === 'record_milestone'
        ? { type: values.type, expectedSeq, title: values.title ?? '', reachedOn: values.day }
        : values.type === 'record_support'
          ? {
              type: values.type,
              expectedSeq,
              kind: values.kind ?? 'training',
              givenOn: values.day,
              amountFen,
              note: values.note || undefined,
            }
          : values.type === 'register'
            ? {
                type: values.type,
                expectedSeq,
                registeredOn: values.day,
                registrationNumber: values.registrationNumber ?? '',
              }
            : { type: values.type, expectedSeq, endedOn: values.day, reason: values.reason ?? '' };
    try {
      await actOnIncubation(incubation.id, input, key);
      setKey(crypto.randomUUID());
      form.resetFields();
      await refresh();
      notice.success(t('projects.incubation.stepRecorded'));
    } catch (error) {
      notice.error(describeApiError(error, t));
      await refresh();
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ type: 'record_milestone', day: chinaToday(), kind: 'training' }}
      aria-label={t('projects.incubation.recordStep')}
    >
      <Form.Item name="type" label={t('projects.incubation.step')} rules={[{ required: true }]}>
        <FormSelect
          options={incubation.allowedActions.map((action) => ({
            value: action,
            label: incubationLabel(incubationActionLabels[action], i18n.language),
          }))}
        />
      </Form.Item>
      {type === 'record_milestone' && (
        <Form.Item name="title" label={t('projects.incubation.milestone')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
      )}
      {type === 'record_support' && (
        <>
          <Form.Item name="kind" label={t('projects.incubation.supportKind')} rules={[{ required: true }]}>
            <FormSelect
              options={incubationSupportCodes.map((code) => ({
                value: code,
                label: incubationLabel(incubationSupportKinds[code], i18n.language),
              }))}
            />
          </Form.Item>
          {kind === 'seed_funding' && (
            <Form.Item name="amountYuan" label={t('projects.incubation.amountYuan')} rules={[{ required: true }]}>
              <Input inputMode="decimal" />
            </Form.Item>
          )}
        </>
      )}
      {type === 'register' && (
        <Form.Item
          name="registrationNumber"
          label={t('projects.incubation.registrationNumber')}
          rules={[{ required: true }]}
        >
          <Input maxLength={40} />
        </Form.Item>
      )}
      {type === 'end' && (
        <Form.Item name="reason" label={t('projects.incubation.reason')} rules={[{ required: true }]}>
          <Input.TextArea maxLength={500} />
        </Form.Item>
      )}
      <Form.Item name="day" label={t('projects.incubation.day')} rules={[{ required: true }]}>
        <DayField />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('projects.incubation.recordStep')}
      </Button>
    </Form>
  );
}

function IncubationCard({ incubation }: { incubation: IncubationView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [open, setOpen] = useState(false);
  return (
    <Card
      size="small"
      title={incubation.name}
      extra={
        <Tag color={statusColour[incubation.status]}>
          {incubationLabel(incubationStatusLabels[incubation.status], lang)}
        </Tag>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {t('projects.incubation.summary', {
          county: incubation.county.name,
          incubator: incubation.incubator,
          from: incubation.startsOn,
          to: incubation.plannedEndOn,
        })}{' '}
        {incubation.overdue && <Tag color="warning">{t('projects.incubation.overdue')}</Tag>}
      </Typography.Paragraph>
      <Typography.Text strong>{t('projects.incubation.milestones')}</Typography.Text>
      <ul>
        {incubation.milestones.length === 0 && <li>{t('projects.none')}</li>}
        {incubation.milestones.map((m) => (
          <li key={`${m.reachedOn}-${m.title}`}>
            {m.reachedOn} {m.title}
          </li>
        ))}
      </ul>
      <Typography.Text strong>{t('projects.incubation.support')}</Typography.Text>
      <ul>
        {incubation.support.length === 0 && <li>{t('projects.none')}</li>}
        {incubation.support.map((s, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the log's entries in order, never reordered
          <li key={index}>
            {s.givenOn} {incubationLabel(incubationSupportKinds[s.kind], lang)}
            {s.amountFen !== null && ` ${yuan(s.amountFen, lang)}`}
          </li>
        ))}
      </ul>
      {incubation.outcome && (
        <Alert
          type={incubation.status === 'registered' ? 'success' : 'info'}
          message={
            incubation.status === 'registered'
              ? t('projects.incubation.registeredOn', {
                  on: incubation.outcome.on,
                  number: incubation.outcome.registrationNumber ?? '',
                })
              : t('projects.incubation.endedOn', { on: incubation.outcome.on, reason: incubation.outcome.reason ?? '' })
          }
        />
      )}
      {incubation.allowedActions.length > 0 &&
        (open ? (
          <RecordStepForm incubation={incubation} />
        ) : (
          <Button onClick={() => setOpen(true)}>{t('projects.incubation.recordStep')}</Button>
        ))}
    </Card>
  );
}

/** The incubation tab: counties where incubation is under way, the records, and a form to start one. */
export function IncubationPanel() {
  const { t, i18n } = useTranslation();
  const incubations = useIncubations();
  const [starting, setStarting] = useState(false);
  const { can } = useAuth();
  if (incubations.isPending) return <Spin />;
  if (incubations.error) return <Alert type="error" showIcon message={describeApiError(incubations.error, t)} />;
  const { incubations: list, countiesIncubating } = incubations.data;
  const separator = i18n.language.startsWith('en') ? ', ' : '、';
  return (
    <div className="haven-stack">
      <Alert
        type="info"
        showIcon
        message={
          countiesIncubating.length === 0
            ? t('projects.incubation.noCounties')
            : t('projects.incubation.counties', {
                names: countiesIncubating.map((c) => `${c.name} (${c.incubating})`).join(separator),
              })
        }
      />
      {can('projects.manage') &&
        (starting ? (
          <StartIncubationForm onDone={() => setStarting(false)} />
        ) : (
          <Button onClick={() => setStarting(true)}>{t('projects.incubation.start')}</Button>
        ))}
      {list.length === 0 && <Empty description={t('projects.incubation.empty')} />}
      {list.map((incubation) => (
        <IncubationCard key={incubation.id} incubation={incubation} />
      ))}
    </div>
  );
}
