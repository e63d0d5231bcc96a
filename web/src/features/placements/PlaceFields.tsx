import {
  guardianshipTypes,
  handoverDocuments,
  type institutionKinds,
  isInstitutionKind,
  legalBases,
  organisationKindOf,
  type PlacementKind,
  placementKinds,
} from '@contract/placements/vocabulary.js';
import type { PlaceInput } from '@contract/placements/actions.js';
import { Alert, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../organisations/organisationsApi';

export interface PlaceValues {
  kind: PlacementKind;
  organisationId?: string;
  carerName?: string;
  carerRelationship?: string;
  legalBasis: PlaceInput['legalBasis'];
  guardianType: PlaceInput['guardian']['type'];
  guardianName?: string;
  reason: string;
  handoverFrom: string;
  handoverTo: string;
  belongings?: string[];
  documents?: NonNullable<PlaceInput['handover']['documents']>;
  overCapacityReason?: string;
}

/** The form's values as the API's placement body. */
export function placeBody(values: PlaceValues): PlaceInput {
  const institution = isInstitutionKind(values.kind);
  return {
    kind: values.kind,
    organisationId: institution ? (values.organisationId ?? null) : null,
    carer:
      !institution && values.carerName
        ? { name: values.carerName, relationship: values.carerRelationship ?? null }
        : null,
    legalBasis: values.legalBasis,
    guardian: { type: values.guardianType, name: values.guardianName || null },
    reason: values.reason,
    handover: {
      from: values.handoverFrom,
      to: values.handoverTo,
      belongings: values.belongings ?? [],
      documents: values.documents ?? [],
    },
    overCapacityReason: values.overCapacityReason || null,
  };
}

function InstitutionSelect({ kind, id }: { kind: (typeof institutionKinds)[number]; id?: string }) {
  const { t } = useTranslation();
  const organisations = useOrganisations({ kind: organisationKindOf[kind], pageSize: 50 });
  return (
    <Form.Item
      name="organisationId"
      label={t('placements.form.organisation')}
      rules={[{ required: true, message: t('placements.form.required') }]}
    >
      <Select
        id={id}
        loading={organisations.isFetching}
        placeholder={t('placements.form.organisationPlaceholder')}
        options={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
      />
    </Form.Item>
  );
}

/** Where the child goes, under whose care, and the hand-over (place, transfer, return home). */
export function PlaceFields({ full }: { full?: { occupancy: number; beds: number } | undefined }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('placements.form.required') }];
  const kind = Form.useWatch<PlacementKind | undefined>('kind');
  return (
    <>
      <Form.Item name="kind" label={t('placements.form.kind')} rules={required}>
        <Select options={placementKinds.map((k) => ({ value: k, label: t(`placements.kind.${k}`) }))} />
      </Form.Item>
      {kind && isInstitutionKind(kind) ? (
        <InstitutionSelect kind={kind} />
      ) : (
        <>
          <Form.Item name="carerName" label={t('placements.form.carerName')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="carerRelationship" label={t('placements.form.carerRelationship')}>
            <Input maxLength={50} />
          </Form.Item>
        </>
      )}
      <Form.Item name="legalBasis" label={t('placements.form.legalBasis')} rules={required}>
        <Select options={legalBases.map((b) => ({ value: b, label: t(`placements.legalBasis.${b}`) }))} />
      </Form.Item>
      <Form.Item name="guardianType" label={t('placements.form.guardianType')} rules={required}>
        <Select options={guardianshipTypes.map((g) => ({ value: g, label: t(`placements.guardianship.${g}`) }))} />
      </Form.Item>
      <Form.Item name="guardianName" label={t('placements.form.guardianName')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="reason" label={t('placements.form.reason')} rules={required}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name="handoverFrom" label={t('placements.form.handoverFrom')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="handoverTo" label={t('placements.form.handoverTo')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="belongings" label={t('placements.form.belongings')} extra={t('placements.form.belongingsHint')}>
        <Select mode="tags" open={false} suffixIcon={null} />
      </Form.Item>
      <Form.Item name="documents" label={t('placements.form.documents')}>
        <Select
          mode="multiple"
          options={handoverDocuments.map((d) => ({ value: d, label: t(`placements.document.${d}`) }))}
        />
      </Form.Item>
      {full && (
        <>
          <Alert
            type="warning"
            showIcon
            className="haven-form-alert"
            role="alert"
            message={t('placements.form.fullWarning', full)}
          />
          <Form.Item name="overCapacityReason" label={t('placements.form.overCapacityReason')} rules={required}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      )}
    </>
  );
}
