import { Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormSelect } from '../../../app/forms/FormSelect';
import {
  interventionMeasures,
  longTermGuardianshipBases,
  revocationDecisions,
  revocationGrounds,
  temporaryGuardianshipGrounds,
  type InterventionMeasure,
} from '@contract/cases/vocabulary.js';
import type { Obj } from '../formValues';
import { ChoiceGroup, codeOptions, DateField, isoDateItem } from './fieldKit';
import { PlacementFields, placementBody } from './PlacementFields';

function DateItem({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required: true, message: t('cases.form.dateRequired', { field: label }) }]}
      {...isoDateItem}
    >
      <DateField />
    </Form.Item>
  );
}

function TextItem({
  name,
  label,
  required = true,
  long = false,
}: {
  name: string;
  label: string;
  required?: boolean;
  long?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={
        required ? [{ required: true, whitespace: true, message: t('cases.form.fieldRequired', { field: label }) }] : []
      }
    >
      {long ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} /> : <Input maxLength={200} />}
    </Form.Item>
  );
}

/** 监护干预: the measure first, then what that measure needs. */
export function InterventionFields() {
  const { t } = useTranslation();
  const measure = Form.useWatch<InterventionMeasure | undefined>('measure');
  return (
    <>
      <Form.Item
        name="measure"
        label={t('cases.intervention.measure')}
        rules={[{ required: true, message: t('cases.intervention.measureRequired') }]}
      >
        <ChoiceGroup
          options={codeOptions(t, 'cases.measureKind', interventionMeasures)}
          className="haven-radio-column"
        />
      </Form.Item>
      {(measure === 'admonishment' || measure === 'family_education_guidance_order') && (
        <>
          <TextItem name="issuedBy" label={t('cases.intervention.issuedBy')} />
          <DateItem name="issuedOn" label={t('cases.intervention.issuedOn')} />
          <TextItem name="note" label={t('cases.form.note')} required={false} long />
        </>
      )}
      {measure === 'protection_order' && (
        <>
          <TextItem name="court" label={t('cases.intervention.court')} />
          <DateItem name="issuedOn" label={t('cases.intervention.issuedOn')} />
          <TextItem name="note" label={t('cases.form.note')} required={false} long />
        </>
      )}
      {measure === 'temporary_state_guardianship' && (
        <>
          <Form.Item
            name="ground"
            label={t('cases.intervention.ground')}
            rules={[{ required: true, message: t('cases.intervention.groundRequired') }]}
          >
            <ChoiceGroup
              options={codeOptions(t, 'cases.ground', temporaryGuardianshipGrounds)}
              className="haven-radio-column"
            />
          </Form.Item>
          <DateItem name="startedOn" label={t('cases.intervention.startedOn')} />
          <PlacementFields />
        </>
      )}
      {measure === 'revocation_application' && (
        <>
          <Form.Item
            name="grounds"
            label={t('cases.intervention.revocationGrounds')}
            rules={[
              { required: true, type: 'array', min: 1, message: t('cases.intervention.revocationGroundsRequired') },
            ]}
          >
            <Checkbox.Group
              options={codeOptions(t, 'cases.revocationGround', revocationGrounds)}
              className="haven-check-grid"
            />
          </Form.Item>
          <TextItem name="court" label={t('cases.intervention.court')} />
          <DateItem name="filedOn" label={t('cases.intervention.filedOn')} />
          <Form.Item name="decision" label={t('cases.intervention.decision')} initialValue="pending">
            <FormSelect options={codeOptions(t, 'cases.decision', revocationDecisions)} />
          </Form.Item>
        </>
      )}
      {measure === 'long_term_state_guardianship' && (
        <>
          <Form.Item
            name="basis"
            label={t('cases.intervention.basis')}
            rules={[{ required: true, message: t('cases.intervention.basisRequired') }]}
          >
            <ChoiceGroup
              options={codeOptions(t, 'cases.basis', longTermGuardianshipBases)}
              className="haven-radio-column"
            />
          </Form.Item>
          <DateItem name="startedOn" label={t('cases.intervention.startedOn')} />
          <PlacementFields />
        </>
      )}
      {measure === 'return_home_assessment' && (
        <>
          <DateItem name="assessedOn" label={t('cases.intervention.assessedOn')} />
          <Form.Item
            name="returnHome"
            label={t('cases.intervention.returnHome')}
            rules={[{ required: true, message: t('cases.intervention.returnHomeRequired') }]}
          >
            <ChoiceGroup
              options={[
                { value: true, label: t('cases.form.yes') },
                { value: false, label: t('cases.form.no') },
              ]}
            />
          </Form.Item>
          <TextItem name="note" label={t('cases.intervention.assessmentNote')} long />
        </>
      )}
    </>
  );
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

export function interventionBody(values: Obj): Obj {
  const measure = values.measure as InterventionMeasure;
  switch (measure) {
    case 'admonishment':
    case 'family_education_guidance_order':
      return {
        intervention: { measure, issuedBy: text(values.issuedBy), issuedOn: values.issuedOn, note: text(values.note) },
      };
    case 'protection_order':
      return {
        intervention: { measure, court: text(values.court), issuedOn: values.issuedOn, note: text(values.note) },
      };
    case 'temporary_state_guardianship':
      return {
        intervention: { measure, ground: values.ground, startedOn: values.startedOn, placement: placementBody(values) },
      };
    case 'revocation_application':
      return {
        intervention: {
          measure,
          grounds: values.grounds,
          court: text(values.court),
          filedOn: values.filedOn,
          decision: values.decision ?? 'pending',
        },
      };
    case 'long_term_state_guardianship':
      return {
        intervention: { measure, basis: values.basis, startedOn: values.startedOn, placement: placementBody(values) },
      };
    default:
      return {
        intervention: {
          measure,
          assessedOn: values.assessedOn,
          returnHome: values.returnHome === true,
          note: text(values.note),
        },
      };
  }
}
