import { Alert, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { emergencyMeasures } from '@contract/cases/vocabulary.js';
import type { Obj } from '../formValues';
import { ChoiceGroup, codeOptions, DateTimeField, isoInstantItem, lines } from './fieldKit';
import { PlacementFields, placementBody } from './PlacementFields';
import { useAuth } from '../../../app/auth/AuthProvider';

/** 应急处置: who attended and when, is the child safe, what was done, where the child is now. */
export function EmergencyFields() {
  const { t } = useTranslation();
  const placed = Form.useWatch<boolean | undefined>('placed');
  // Placing a child is for those who move children (police, civil affairs, township, institutions):
  // the server refuses a placement from anyone else (403), so the question is not asked.
  const mayPlace = useAuth().can('placements.act');
  return (
    <>
      <Form.Item
        name="attendedBy"
        label={t('cases.emergency.attendedBy')}
        rules={[{ required: true, whitespace: true, message: t('cases.emergency.attendedByRequired') }]}
        extra={t('cases.form.onePerLine')}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
      </Form.Item>
      <Form.Item
        name="attendedAt"
        label={t('cases.emergency.attendedAt')}
        rules={[{ required: true, message: t('cases.emergency.attendedAtRequired') }]}
        {...isoInstantItem}
      >
        <DateTimeField notAfterNow />
      </Form.Item>
      <Form.Item
        name="childSafe"
        label={t('cases.emergency.childSafe')}
        rules={[{ required: true, message: t('cases.emergency.childSafeRequired') }]}
      >
        <ChoiceGroup
          options={[
            { value: true, label: t('cases.form.yes') },
            { value: false, label: t('cases.form.no') },
          ]}
        />
      </Form.Item>
      <Form.Item name="measures" label={t('cases.emergency.measures')}>
        <Checkbox.Group options={codeOptions(t, 'cases.measure', emergencyMeasures)} className="haven-check-grid" />
      </Form.Item>
      <Form.Item name="entrustedGuardian" label={t('cases.emergency.entrustedGuardian')}>
        <Input maxLength={200} />
      </Form.Item>
      {mayPlace ? (
        <Form.Item name="placed" label={t('cases.emergency.placed')} initialValue={false}>
          <ChoiceGroup
            options={[
              { value: true, label: t('cases.form.yes') },
              { value: false, label: t('cases.form.no') },
            ]}
          />
        </Form.Item>
      ) : (
        <Alert type="info" showIcon className="haven-form-alert" message={t('placements.notPlacer')} />
      )}
      {mayPlace && placed === true && <PlacementFields />}
      <Form.Item
        name="townshipNotified"
        label={t('cases.emergency.townshipNotified')}
        rules={[{ required: true, message: t('cases.emergency.townshipNotifiedRequired') }]}
      >
        <ChoiceGroup
          options={[
            { value: true, label: t('cases.form.yes') },
            { value: false, label: t('cases.form.no') },
          ]}
        />
      </Form.Item>
      <Form.Item name="note" label={t('cases.form.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

export function emergencyBody(values: Obj): Obj {
  return {
    attendedBy: lines(values.attendedBy),
    attendedAt: values.attendedAt,
    childSafe: values.childSafe === true,
    measures: Array.isArray(values.measures) ? values.measures : [],
    entrustedGuardian:
      typeof values.entrustedGuardian === 'string' && values.entrustedGuardian.trim()
        ? values.entrustedGuardian.trim()
        : null,
    placement: values.placed === true ? placementBody(values) : null,
    townshipNotified: values.townshipNotified === true,
    note: typeof values.note === 'string' && values.note.trim() ? values.note.trim() : null,
  };
}
