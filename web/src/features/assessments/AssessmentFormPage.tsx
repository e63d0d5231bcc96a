import { assessmentTriggers } from '@contract/assessments/assessments.js';
import { type AssessmentAnswers, gradeGuardianship } from '@contract/assessments/engine.js';
import {
  type AssessmentItem,
  assessmentItemCodes,
  assessmentItems,
  firstLevelIndicators,
  indicatorParent,
  secondLevelIndicators,
} from '@contract/assessments/standard.js';
import { type EmergencyOverride, emergencyOverrides } from '@contract/cases/vocabulary.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Skeleton } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import { recordAssessment, useAssessmentRules } from './assessmentsApi';
import { RiskTag } from './riskTag';
import './assessments.css';

interface FormValues {
  assessedOn: Dayjs;
  trigger: (typeof assessmentTriggers)[number];
  overrides?: EmergencyOverride[];
  notes?: string;
  answers?: Partial<Record<AssessmentItem, string>>;
}

type ItemKey = 'assessments.items.growth.label';
const itemLabel = (item: AssessmentItem) => `assessments.items.${item}.label` as ItemKey;
const answerLabel = (item: AssessmentItem, answer: string) => `assessments.items.${item}.answers.${answer}` as ItemKey;

/** The DB42/T 1969-2023 form: 3 first-level, 11 second-level indicators, 20 items; the grade shown live. */
export default function AssessmentFormPage() {
  const { t } = useTranslation();
  const notice = useNotice();
  const { childId = '' } = useParams();
  const state = (useLocation().state ?? {}) as { childName?: string };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const rules = useAssessmentRules(childId);
  const [form] = Form.useForm<FormValues>();
  const values = Form.useWatch([], form) as FormValues | undefined;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useMemo(() => `assessment-${crypto.randomUUID()}`, []);

  const answers = values?.answers ?? {};
  const answered = assessmentItemCodes.filter((item) => answers[item]).length;
  const live =
    rules.data && answered === assessmentItemCodes.length
      ? gradeGuardianship(answers as AssessmentAnswers, values?.overrides ?? [], rules.data.rules)
      : null;

  const submit = async (submitted: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      await recordAssessment(
        {
          childId,
          assessedOn: submitted.assessedOn.format('YYYY-MM-DD'),
          trigger: submitted.trigger,
          answers: submitted.answers as Record<string, string>,
          overrides: submitted.overrides ?? [],
          notes: submitted.notes || null,
        },
        key,
      );
      notice.success(t('assessments.form.saved'));
      await queryClient.invalidateQueries({ queryKey: ['assessments'] });
      navigate(`/assessments/child/${childId}`, { state });
    } catch (caught) {
      setError(describeApiError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  if (rules.isPending) return <Skeleton active />;
  if (rules.isError) return <Alert type="error" showIcon message={describeApiError(rules.error, t)} />;
  return (
    <div className="haven-assessments">
      <h2>{state.childName ? `${t('assessments.formTitle')} · ${state.childName}` : t('assessments.formTitle')}</h2>
      <p>{t('assessments.standard')}</p>
      {rules.data.rules.cutOffsSource.startsWith('haven-default') && (
        <Alert type="info" showIcon message={t('assessments.defaultsNote')} />
      )}
      <Card size="small" className="haven-assessment-live" title={t('assessments.form.live')} aria-live="polite">
        {live ? (
          <>
            <strong>
              {t(`assessments.grade.${live.grade}`)} · {t('assessments.form.score')} {live.score}
            </strong>{' '}
            <RiskTag grade={live.riskGrade} />
            {live.cappedBy.length > 0 && (
              <div>
                {t('assessments.form.cappedBy')}{' '}
                {live.cappedBy
                  .map((c) => {
                    const [item, answer] = c.split(':') as [AssessmentItem, string];
                    return `${t(itemLabel(item))}：${t(answerLabel(item, answer))}`;
                  })
                  .join('；')}
              </div>
            )}
            {live.overridden && <div>{t('assessments.form.overridden')}</div>}
          </>
        ) : (
          <span>
            {answered} / {assessmentItemCodes.length}
          </span>
        )}
      </Card>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ assessedOn: dayjs(), trigger: 'risk_clue', overrides: [] }}
      >
        <Form.Item name="assessedOn" label={t('assessments.form.assessedOn')} rules={[{ required: true }]}>
          <DatePicker inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="trigger" label={t('assessments.form.trigger')}>
          <Select options={assessmentTriggers.map((v) => ({ value: v, label: t(`assessments.trigger.${v}`) }))} />
        </Form.Item>
        {firstLevelIndicators.map((first) => (
          <section key={first}>
            <h3>{t(`assessments.first.${first}`)}</h3>
            {secondLevelIndicators
              .filter((second) => indicatorParent[second] === first)
              .map((second) => (
                <fieldset key={second} className="haven-assessment-item">
                  <legend>{t(`assessments.second.${second}`)}</legend>
                  {assessmentItemCodes
                    .filter((item) => assessmentItems[item].indicator === second)
                    .map((item) => (
                      <Form.Item
                        key={item}
                        name={['answers', item]}
                        label={t(itemLabel(item))}
                        // A validator, not `required`: antd would put aria-required on the radio group's div (axe).
                        rules={[
                          {
                            validator: (_, value) =>
                              value ? Promise.resolve() : Promise.reject(new Error(t(itemLabel(item)))),
                          },
                        ]}
                      >
                        <Radio.Group
                          optionType="button"
                          options={assessmentItems[item].answers.map((answer) => ({
                            value: answer,
                            label: t(answerLabel(item, answer)),
                          }))}
                        />
                      </Form.Item>
                    ))}
                </fieldset>
              ))}
          </section>
        ))}
        <Form.Item name="overrides" label={t('assessments.form.overrides')}>
          <Checkbox.Group options={emergencyOverrides.map((o) => ({ value: o, label: t(`cases.override.${o}`) }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('assessments.form.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t('assessments.form.submit')}
        </Button>
      </Form>
    </div>
  );
}
