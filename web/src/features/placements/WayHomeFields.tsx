import type { PlacementActionInput } from '@contract/placements/actions.js';
import { handoverDocuments, returnHomeFindings } from '@contract/placements/vocabulary.js';
import { Alert, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** The fields of the return-home assessment and of the escort home (护送返乡). */
export interface WayHomeValues {
  assessedOn?: string;
  finding?: (typeof returnHomeFindings)[number];
  assessor?: string;
  summary?: string;
  escorts?: string;
  familyName?: string;
  familyRelationship?: string;
  familyPhone?: string;
  familyAddress?: string;
  guardianKind?: 'parents' | 'relative_guardian';
  signedBy?: string;
  witness?: string;
  belongingsText?: string;
  handoverDocuments?: (typeof handoverDocuments)[number][];
  handoverNotes?: string;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/[\n,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function assessBody(v: WayHomeValues, expectedSeq: number): PlacementActionInput {
  return {
    type: 'assess_return_home',
    expectedSeq,
    assessedOn: v.assessedOn ?? '',
    finding: v.finding ?? 'not_yet',
    assessor: v.assessor ?? '',
    summary: v.summary ?? '',
  };
}

export function escortBody(v: WayHomeValues, expectedSeq: number): PlacementActionInput {
  return {
    type: 'escort_home',
    expectedSeq,
    escorts: lines(v.escorts),
    family: {
      name: v.familyName ?? '',
      relationship: v.familyRelationship ?? '',
      phone: v.familyPhone || null,
      address: v.familyAddress ?? '',
    },
    guardian: v.guardianKind ?? 'parents',
    handover: {
      signedBy: v.signedBy ?? '',
      witness: v.witness || null,
      belongings: lines(v.belongingsText),
      documents: v.handoverDocuments ?? [],
      notes: v.handoverNotes || null,
    },
  };
}

export function AssessFields() {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('placements.form.required') }];
  return (
    <>
      <Form.Item name="assessedOn" label={t('placements.wayHome.assessedOn')} rules={required}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="finding" label={t('placements.wayHome.finding')} rules={required}>
        <Select options={returnHomeFindings.map((f) => ({ value: f, label: t(`placements.wayHome.findings.${f}`) }))} />
      </Form.Item>
      <Form.Item name="assessor" label={t('placements.wayHome.assessor')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="summary" label={t('placements.wayHome.summary')} rules={required}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </>
  );
}

export function EscortFields({ gated }: { gated: boolean }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('placements.form.required') }];
  return (
    <>
      {gated && <Alert type="warning" showIcon message={t('placements.wayHome.gateHint')} />}
      <Form.Item name="escorts" label={t('placements.wayHome.escorts')} rules={required}>
        <Input placeholder={t('placements.wayHome.escortsPlaceholder')} maxLength={600} />
      </Form.Item>
      <Form.Item name="familyName" label={t('placements.wayHome.familyName')} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="familyRelationship" label={t('placements.wayHome.relationship')} rules={required}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="guardianKind" label={t('placements.wayHome.guardian')}>
        <Select
          options={(['parents', 'relative_guardian'] as const).map((g) => ({
            value: g,
            label: t(`placements.guardianship.${g}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="familyPhone" label={t('placements.wayHome.phone')}>
        <Input maxLength={30} inputMode="tel" />
      </Form.Item>
      <Form.Item name="familyAddress" label={t('placements.wayHome.address')} rules={required}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="signedBy" label={t('placements.wayHome.signedBy')} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="witness" label={t('placements.wayHome.witness')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="belongingsText" label={t('placements.wayHome.belongings')}>
        <Input maxLength={1000} />
      </Form.Item>
      <Form.Item name="handoverDocuments" label={t('placements.wayHome.documents')}>
        <Select
          mode="multiple"
          options={handoverDocuments.map((d) => ({ value: d, label: t(`placements.document.${d}`) }))}
        />
      </Form.Item>
      <Form.Item name="handoverNotes" label={t('placements.wayHome.notes')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}
