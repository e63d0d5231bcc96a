import { Alert, Button, Checkbox, Form, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { visitKinds } from '@contract/visits/visits.js';
import { riskGrades } from '@contract/registry/vocabulary.js';
import { ApiError } from '../../app/api/client';
import { describeApiError } from '../../app/api/describeApiError';
import { DayField, todayValue } from '../../app/forms/DayField';
import { useNotice } from '../../app/notice/useNotice';
import { OfflineBanner } from './offline/OfflineBanner';
import { queueVisit } from './offline/outbox';
import type { RecordVisitInput } from './visitsApi';
import './visits.css';

interface FormValues {
  visitedOn: string;
  kind: RecordVisitInput['kind'];
  respondentName?: string;
  respondentRelation?: string;
  lastParentContactOn?: string;
  schooling?: string;
  keyAttention?: boolean;
  living?: string;
  family?: string;
  guardianship?: string;
  stateOfMind?: string;
  guardianView?: string;
  suggestions?: string;
  riskGrade?: RecordVisitInput['riskGrade'];
}

const findings = ['living', 'family', 'guardianship', 'stateOfMind', 'guardianView'] as const;

/** The national home follow-up form (入户随访), one column for a phone; sent once per form with its idempotency key. */
export default function VisitFormPage() {
  const { t } = useTranslation();
  const notice = useNotice();
  const { childId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const state = (location.state ?? {}) as {
    childName?: string;
    rule?: string;
    seenVisitId?: string | null;
    seenFacts?: RecordVisitInput['seenFacts'];
  };
  const [photo, setPhoto] = useState<File | null>(null);
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useMemo(() => `visit-${crypto.randomUUID()}`, []);

  // Every visit goes through the phone's outbox: stored first (with its photo), sent at once when
  // there is a network, else when it returns; a resend carries the same key.
  const submit = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await queueVisit({
        id: key,
        childName: state.childName ?? '',
        photo: photo ? { blob: photo, name: photo.name || 'photo.jpg', type: photo.type } : undefined,
        input: {
          childId,
          visitedOn: values.visitedOn,
          kind: values.kind,
          respondentName: values.respondentName || null,
          respondentRelation: values.respondentRelation || null,
          lastParentContactOn: values.lastParentContactOn ?? null,
          schooling: values.schooling || null,
          keyAttention: values.keyAttention ?? false,
          findings: Object.fromEntries(findings.map((f) => [f, values[f] || null])),
          suggestions: values.suggestions || null,
          riskGrade: values.riskGrade ?? null,
          ...(state.seenVisitId !== undefined ? { seenVisitId: state.seenVisitId } : {}),
          ...(state.seenFacts ? { seenFacts: state.seenFacts } : {}),
        },
      });
      if (outcome.kind === 'refused') throw outcome.error;
      if (outcome.kind === 'sent') notice.success(t('grassroots.form.saved'));
      else if (outcome.kind === 'queued') notice.info(t('grassroots.offline.queued'));
      else notice.warning(t('grassroots.offline.conflictQueued'));
      await queryClient.invalidateQueries({ queryKey: ['visits'] });
      await queryClient.invalidateQueries({ queryKey: ['my-work'] });
      navigate('/visits');
    } catch (caught) {
      if (caught instanceof ApiError) {
        const problems = caught.fieldProblems ?? [];
        form.setFields(
          problems
            .map((p) => ({ name: p.path.replace(/^body\./, ''), errors: [p.message ?? caught.message] }))
            .filter((f) => ['visitedOn', 'lastParentContactOn'].includes(f.name)) as never,
        );
      }
      setError(describeApiError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="haven-visits haven-visit-form">
      <OfflineBanner />
      <h2>{t('grassroots.form.heading', { name: state.childName ?? t('grassroots.form.thisChild') })}</h2>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ visitedOn: todayValue(), kind: state.rule === 'visit.first' ? 'first' : 'routine' }}
      >
        <Form.Item name="visitedOn" label={t('grassroots.form.visitedOn')} rules={[{ required: true }]}>
          <DayField notAfterToday />
        </Form.Item>
        <Form.Item name="kind" label={t('grassroots.form.kind')}>
          <Select options={visitKinds.map((k) => ({ value: k, label: t(`grassroots.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="respondentName" label={t('grassroots.form.respondentName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="respondentRelation" label={t('grassroots.form.respondentRelation')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="lastParentContactOn" label={t('grassroots.form.lastParentContactOn')}>
          <DayField notAfterToday />
        </Form.Item>
        <Form.Item name="schooling" label={t('grassroots.form.schooling')}>
          <Input maxLength={100} />
        </Form.Item>
        {findings.map((f) => (
          <Form.Item key={f} name={f} label={t(`grassroots.form.findings.${f}`)}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        ))}
        <Form.Item name="suggestions" label={t('grassroots.form.suggestions')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="riskGrade" label={t('grassroots.form.riskGrade')}>
          <Select allowClear options={riskGrades.map((g) => ({ value: g, label: t(`registry.risk.${g}`) }))} />
        </Form.Item>
        <Form.Item label={t('grassroots.offline.photo')} htmlFor="visit-photo">
          <input
            id="visit-photo"
            className="haven-visit-photo"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
          />
          {photo && (
            <span className="haven-secondary">{t('grassroots.offline.photoChosen', { name: photo.name })}</span>
          )}
        </Form.Item>
        <Form.Item name="keyAttention" valuePropName="checked">
          <Checkbox>{t('grassroots.form.keyAttention')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t('grassroots.form.submit')}
        </Button>
      </Form>
    </div>
  );
}
