import { DayField } from '../../app/forms/DayField';
import { useQueryClient } from '@tanstack/react-query';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { relationCodes, type RelationCode } from '@contract/registry/vocabulary.js';
import { Button, Card, Form, Input, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { FormSelect } from '../../app/forms/FormSelect';
import { useNotice } from '../../app/notice/useNotice';
import { OrganisationSelect } from '../organisations/OrganisationSelect';
import { ChildSearchSelect } from '../reports/forms/ChildSearchSelect';
import {
  addPost,
  evaluateProject,
  evaluationStageCodes,
  type ProjectView,
  recordSession,
  sessionKindCodes,
  sessionKindLabel,
  stageLabel,
} from './projectsApi';

/* The project page's forms: the provider records a session it delivered; the purchaser places a social worker and evaluates. */

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function useAfterSave(project: ProjectView) {
  const queryClient = useQueryClient();
  const notice = useNotice();
  return {
    notice,
    refresh: () => queryClient.invalidateQueries({ queryKey: ['project', project.id] }),
  };
}

interface SessionValues {
  kind: (typeof sessionKindCodes)[number];
  childId?: string;
  divisionCode?: string;
  heldOn: string;
  minutes: number;
  attendees?: number;
  attendedBy?: { name?: string; relation?: RelationCode }[];
  note?: string;
}

/** A session the provider's people delivered; the project counts it when it falls in its period and area. */
export function RecordSessionForm({ project }: { project: ProjectView }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<SessionValues>();
  const { notice, refresh } = useAfterSave(project);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const kind = Form.useWatch('kind', form);
  const withChild = kind === 'counselling' || kind === 'family_education';
  const submit = async (values: SessionValues) => {
    try {
      await recordSession(
        {
          kind: values.kind,
          childId: withChild ? values.childId : undefined,
          divisionCode: withChild ? undefined : values.divisionCode,
          heldOn: values.heldOn,
          minutes: values.minutes,
          attendees: withChild ? undefined : values.attendees,
          attendedBy: (values.attendedBy ?? []).flatMap((person) =>
            person?.name?.trim() ? [{ name: person.name.trim(), relation: person.relation }] : [],
          ),
          note: values.note || undefined,
        },
        key,
      );
      setKey(crypto.randomUUID());
      form.resetFields();
      await refresh();
      notice.success(t('projects.forms.sessionRecorded'));
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <Card size="small" title={t('projects.forms.newSession')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'counselling', heldOn: chinaToday(), minutes: 50, attendees: 1 }}
      >
        <Form.Item name="kind" label={t('projects.forms.sessionKind')} rules={[{ required: true }]}>
          <FormSelect
            options={sessionKindCodes.map((code) => ({ value: code, label: sessionKindLabel(code, i18n.language) }))}
          />
        </Form.Item>
        {withChild ? (
          <Form.Item name="childId" label={t('projects.forms.child')} rules={[{ required: true }]}>
            <ChildSearchSelect />
          </Form.Item>
        ) : (
          <Form.Item name="divisionCode" label={t('projects.forms.heldIn')} rules={[{ required: true }]}>
            <FormSelect options={project.areas.map((area) => ({ value: area.code, label: area.name }))} />
          </Form.Item>
        )}
        <Form.Item name="heldOn" label={t('projects.forms.heldOn')} rules={[{ required: true }]}>
          <DayField />
        </Form.Item>
        <Form.Item name="minutes" label={t('projects.forms.minutes')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        {!withChild && (
          <Form.Item name="attendees" label={t('projects.forms.attendees')}>
            <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {kind !== 'counselling' && <AttendeesList withRelation={withChild} />}
        <Form.Item name="note" label={t('projects.forms.note')}>
          <Input.TextArea maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('projects.forms.recordSession')}
        </Button>
      </Form>
    </Card>
  );
}

/** Who attended by name (a family-education session's guardians), each with the relation to the child. */
function AttendeesList({ withRelation }: { withRelation: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset className="haven-fieldset">
      <legend>{t('projects.forms.attendedBy')}</legend>
      <Form.List name="attendedBy">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" wrap>
                <Form.Item
                  name={[field.name, 'name']}
                  label={`${t('projects.forms.attendeeName')} ${index + 1}`}
                  rules={[{ required: true, whitespace: true }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
                {withRelation && (
                  <Form.Item name={[field.name, 'relation']} label={t('projects.forms.attendeeRelation')}>
                    <FormSelect
                      allowClear
                      options={relationCodes.map((code) => ({ value: code, label: t(`registry.relation.${code}`) }))}
                    />
                  </Form.Item>
                )}
                <Button
                  aria-label={`${t('projects.forms.removeAttendee')} ${index + 1}`}
                  icon={<MinusCircleOutlined aria-hidden />}
                  onClick={() => remove(field.name)}
                  className="haven-attendee-remove"
                />
              </Space>
            ))}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
              {t('projects.forms.addAttendee')}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

interface PostValues {
  personName: string;
  hostOrganisationId: string;
  startsOn: string;
  endsOn: string;
}

/** A social worker of the provider placed in a rescue station or a protection centre for a period. */
export function AddPostForm({ project }: { project: ProjectView }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PostValues>();
  const { notice, refresh } = useAfterSave(project);
  const submit = async (values: PostValues) => {
    try {
      await addPost(project.id, values);
      form.resetFields();
      await refresh();
      notice.success(t('projects.forms.postAdded'));
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <Card size="small" title={t('projects.forms.newPost')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ startsOn: project.startsOn, endsOn: project.endsOn }}
      >
        <Form.Item name="personName" label={t('projects.forms.personName')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="hostOrganisationId" label={t('projects.forms.host')} rules={[{ required: true }]}>
          <OrganisationSelect />
        </Form.Item>
        <Form.Item name="startsOn" label={t('projects.forms.startsOn')} rules={[{ required: true }]}>
          <DayField />
        </Form.Item>
        <Form.Item name="endsOn" label={t('projects.forms.endsOn')} rules={[{ required: true }]}>
          <DayField />
        </Form.Item>
        <Button htmlType="submit">{t('projects.forms.addPost')}</Button>
      </Form>
    </Card>
  );
}

interface EvaluationValues {
  stage: (typeof evaluationStageCodes)[number];
  evaluatedOn: string;
  findings: string;
}

/** A mid-term or final evaluation: the server keeps the indicators computed today beside the targets. */
export function EvaluateForm({ project }: { project: ProjectView }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<EvaluationValues>();
  const { notice, refresh } = useAfterSave(project);
  const done = new Set(project.evaluations.map((e) => e.stage));
  const open = evaluationStageCodes.filter((stage) => !done.has(stage));
  if (open.length === 0) return null;
  const submit = async (values: EvaluationValues) => {
    try {
      await evaluateProject(project.id, values);
      form.resetFields();
      await refresh();
      notice.success(t('projects.forms.evaluated'));
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <Card size="small" title={t('projects.forms.newEvaluation')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ stage: open[0], evaluatedOn: chinaToday() }}
      >
        <Form.Item name="stage" label={t('projects.forms.stage')} rules={[{ required: true }]}>
          <FormSelect options={open.map((stage) => ({ value: stage, label: stageLabel(stage, i18n.language) }))} />
        </Form.Item>
        <Form.Item name="evaluatedOn" label={t('projects.forms.evaluatedOn')} rules={[{ required: true }]}>
          <DayField />
        </Form.Item>
        <Form.Item name="findings" label={t('projects.forms.findings')} rules={[{ required: true }]}>
          <Input.TextArea maxLength={4000} />
        </Form.Item>
        <Button htmlType="submit">{t('projects.forms.evaluate')}</Button>
      </Form>
    </Card>
  );
}
