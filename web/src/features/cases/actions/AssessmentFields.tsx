import { Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { assessmentSections, emergencyOverrides, type AssessmentSection } from '@contract/cases/vocabulary.js';
import type { Obj } from '../formValues';
import { RiskGradeTag } from '../labels';
import { ChoiceGroup, codeOptions } from './fieldKit';
import { previewGrade } from './riskPreview';

const scoreValues = [0, 1, 2, 3, 4] as const;

/** 评估: six sections scored 0–4, emergency overrides, and the grade they lead to. */
export function AssessmentFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const scores = Form.useWatch<Partial<Record<AssessmentSection, number>> | undefined>('scores', form) ?? {};
  const overrides = Form.useWatch<string[] | undefined>('overrides', form) ?? [];
  const preview = previewGrade(scores, overrides.length);
  const complete = assessmentSections.every((section) => typeof scores[section] === 'number');
  return (
    <>
      <p className="haven-secondary">{t('cases.assessment.scale')}</p>
      {assessmentSections.map((section) => (
        <fieldset key={section} className="haven-subfields">
          <legend>{t(`cases.section.${section}`)}</legend>
          <Form.Item
            name={['scores', section]}
            label={t('cases.assessment.score')}
            rules={[
              {
                required: true,
                message: t('cases.assessment.scoreRequired', { section: t(`cases.section.${section}`) }),
              },
            ]}
          >
            <ChoiceGroup
              optionType="button"
              options={scoreValues.map((value) => ({
                value,
                label: String(value),
                title: t(`cases.assessment.level${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name={['notes', section]} label={t('cases.assessment.notes')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
          </Form.Item>
        </fieldset>
      ))}
      <Form.Item name="overrides" label={t('cases.assessment.overrides')} extra={t('cases.assessment.overridesHelp')}>
        <Checkbox.Group options={codeOptions(t, 'cases.override', emergencyOverrides)} className="haven-check-grid" />
      </Form.Item>
      <div className="haven-risk-preview" role="status" aria-live="polite">
        {complete || overrides.length > 0 ? (
          <>
            {t('cases.assessment.preview', { score: preview.score })} <RiskGradeTag grade={preview.grade} />
          </>
        ) : (
          t('cases.assessment.previewIncomplete')
        )}
      </div>
    </>
  );
}

export function assessmentBody(values: Obj): Obj {
  const notes = Object.fromEntries(
    Object.entries((values.notes ?? {}) as Record<string, unknown>)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '')
      .map(([key, value]) => [key, value.trim()]),
  );
  return { scores: values.scores, overrides: Array.isArray(values.overrides) ? values.overrides : [], notes };
}
