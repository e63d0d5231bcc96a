import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormSelect } from '../../../app/forms/FormSelect';
import { OrganisationSelect } from '../../organisations/OrganisationSelect';
import { placementKinds } from '@contract/cases/vocabulary.js';
import type { Obj } from '../formValues';
import { codeOptions } from './fieldKit';

// An institution placement names the institution: its beds, its stay clock and its access follow
// from it (the placements feature refuses one without).
const institutionPlacements: readonly string[] = ['rescue_station', 'minor_protection_centre', 'welfare_home'];

/** Where the child is placed and why (temporary care, state guardianship). */
export function PlacementFields() {
  const { t } = useTranslation();
  const kind = Form.useWatch('placementKind') as string | undefined;
  const institution = kind !== undefined && institutionPlacements.includes(kind);
  return (
    <fieldset className="haven-subfields">
      <legend>{t('cases.placement.title')}</legend>
      <Form.Item
        name="placementKind"
        label={t('cases.placement.kind')}
        rules={[{ required: true, message: t('cases.placement.kindRequired') }]}
      >
        <FormSelect options={codeOptions(t, 'cases.placementKind', placementKinds)} />
      </Form.Item>
      <Form.Item
        name="placementOrganisationId"
        label={t(institution ? 'cases.placement.institution' : 'cases.placement.organisation')}
        rules={institution ? [{ required: true, message: t('cases.placement.institutionRequired') }] : []}
      >
        <OrganisationSelect />
      </Form.Item>
      <Form.Item
        name="placementWhere"
        label={t('cases.placement.where')}
        rules={[{ required: true, whitespace: true, message: t('cases.placement.whereRequired') }]}
      >
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item
        name="placementWhy"
        label={t('cases.placement.why')}
        rules={[{ required: true, whitespace: true, message: t('cases.placement.whyRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
      </Form.Item>
    </fieldset>
  );
}

export function placementBody(values: Obj): Obj {
  return {
    kind: values.placementKind,
    organisationId: typeof values.placementOrganisationId === 'string' ? values.placementOrganisationId : null,
    where: typeof values.placementWhere === 'string' ? values.placementWhere.trim() : '',
    why: typeof values.placementWhy === 'string' ? values.placementWhy.trim() : '',
  };
}
