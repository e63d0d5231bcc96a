import { Form, Input, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthProvider';
import { DivisionPicker } from '../../divisions/DivisionPicker';
import { ChoiceGroup } from '../../cases/actions/fieldKit';
import { AttachmentsField, attachmentsBody } from './AttachmentsField';
import { ChildSearchSelect } from './ChildSearchSelect';
import { SituationChecks } from './SituationChecks';
import { DangerField } from './DangerField';

export { DangerField };

/** The fields every report has, whoever sends it (hotline, mandated reporter, staff). */
export interface ReportFieldValues {
  immediateDanger?: boolean;
  situations?: number[];
  description?: string;
  divisionCode?: string;
  address?: string;
  childMode?: 'registry' | 'unknown';
  childId?: string;
  unknownChild?: string;
  attachments?: UploadFile[];
}

export const reportFieldNames = [
  'immediateDanger',
  'situations',
  'description',
  'divisionCode',
  'address',
  'childId',
  'unknownChild',
  'attachments',
];

export function WhatHappenedFields({
  shortcuts = false,
  attachments = true,
}: {
  shortcuts?: boolean;
  attachments?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('reports.section.what')}</legend>
      <Form.Item
        name="situations"
        label={t('reports.field.situations')}
        rules={[{ required: true, type: 'array', min: 1, message: t('reports.field.situationsRequired') }]}
      >
        <SituationChecks shortcuts={shortcuts} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('reports.field.description')}
        rules={[{ required: true, whitespace: true, message: t('reports.field.descriptionRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} showCount />
      </Form.Item>
      {attachments && <AttachmentsField />}
    </fieldset>
  );
}

export function WhereFields({ required = true }: { required?: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('reports.section.where')}</legend>
      <Form.Item
        name="divisionCode"
        label={t('reports.field.division')}
        rules={required ? [{ required: true, message: t('reports.field.divisionRequired') }] : []}
      >
        <DivisionPicker />
      </Form.Item>
      <Form.Item name="address" label={t('reports.field.address')}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
    </fieldset>
  );
}

/** The child: found in the registry (for those who may search it), or described when unknown. */
export function ChildFields() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const canSearch = can('children.read');
  // A hotline sees no children by place (only those of cases its organisation takes part in):
  // describing the caller's child is its usual path, the registry search the exception.
  const usualMode = me?.user.seesChildrenByPlace === false ? 'unknown' : 'registry';
  const chosen = Form.useWatch<string | undefined>('childMode');
  const mode = canSearch ? (chosen ?? usualMode) : 'unknown';
  return (
    <fieldset>
      <legend>{t('reports.section.child')}</legend>
      {canSearch && (
        <Form.Item name="childMode" label={t('reports.field.childMode')} initialValue={usualMode}>
          <ChoiceGroup
            options={[
              { value: 'registry', label: t('reports.field.childRegistry') },
              { value: 'unknown', label: t('reports.field.childUnknown') },
            ]}
          />
        </Form.Item>
      )}
      {mode === 'registry' ? (
        <Form.Item
          name="childId"
          label={t('reports.field.childSearch')}
          rules={[{ required: true, message: t('reports.field.childRequired') }]}
          extra={t('reports.field.childSearchHelp')}
        >
          <ChildSearchSelect />
        </Form.Item>
      ) : (
        <Form.Item
          name="unknownChild"
          label={t('reports.field.childDescription')}
          rules={[{ required: true, whitespace: true, message: t('reports.field.childDescriptionRequired') }]}
          extra={t('reports.field.childDescriptionHelp')}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      )}
    </fieldset>
  );
}

/** The common part of the request body from the form's values. */
export async function reportBody(values: ReportFieldValues) {
  const registry = values.childMode !== 'unknown' && values.childId !== undefined;
  return {
    attachments: await attachmentsBody(values.attachments),
    immediateDanger: values.immediateDanger === true,
    situations: values.situations ?? [],
    description: (values.description ?? '').trim(),
    divisionCode: values.divisionCode ?? '',
    address: values.address?.trim() || undefined,
    childId: registry ? values.childId : undefined,
    unknownChild: registry ? undefined : values.unknownChild?.trim() || undefined,
  };
}
