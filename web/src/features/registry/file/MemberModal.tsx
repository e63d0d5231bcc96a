import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { FormSelect } from '../../../app/forms/FormSelect';
import { showFieldProblems } from '../../../app/forms/serverErrors';
import { guardianshipCapacities, relationCodes as relations, situationKinds } from '@contract/registry/vocabulary.js';
import type { FamilyMember } from '../api/fileApi';

interface MemberValues {
  relation: string;
  name: string;
  isGuardian: boolean;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
  guardianshipCapacity?: string | null;
  note?: string | null;
  situationKind?: string;
  situationPlace?: string;
  situationSince?: Dayjs | null;
  situationUntil?: Dayjs | null;
  situationGrade?: number | null;
  reason?: string;
}

const memberFields = [
  'relation',
  'name',
  'isGuardian',
  'phone',
  'idNumber',
  'address',
  'guardianshipCapacity',
  'note',
  'reason',
];
const iso = (day: Dayjs | null | undefined) => (day ? day.format('YYYY-MM-DD') : null);
const textOrNull = (value: string | null | undefined) => (value && value.trim() !== '' ? value.trim() : null);

/** A new member (with a first situation) or a change to one (with a reason). */
export function MemberModal({
  member,
  masked,
  onSubmit,
  onClose,
}: {
  member: FamilyMember | 'new';
  masked: boolean;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MemberValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const isNew = member === 'new';
  const kind = Form.useWatch('situationKind', form);

  async function submit(values: MemberValues) {
    setSaving(true);
    setFailure(null);
    const body: Record<string, unknown> = {
      relation: values.relation,
      name: values.name.trim(),
      isGuardian: values.isGuardian,
      guardianshipCapacity: values.guardianshipCapacity ?? null,
      note: textOrNull(values.note),
    };
    if (!masked)
      Object.assign(body, {
        phone: textOrNull(values.phone),
        idNumber: textOrNull(values.idNumber),
        address: textOrNull(values.address),
      });
    if (isNew && values.situationKind) {
      body.situations = [
        {
          kind: values.situationKind,
          place: textOrNull(values.situationPlace),
          since: iso(values.situationSince),
          until: iso(values.situationUntil),
          disabilityGrade: values.situationGrade ?? null,
        },
      ];
    }
    if (!isNew) Object.assign(body, { version: member.version, reason: values.reason?.trim() });
    try {
      await onSubmit(body);
      onClose();
    } catch (error) {
      if (!showFieldProblems(form, error, memberFields)) setFailure(describeApiError(error, t));
    } finally {
      setSaving(false);
    }
  }

  const initial: Partial<MemberValues> = isNew
    ? { isGuardian: false }
    : {
        relation: member.relation,
        name: member.name,
        isGuardian: member.isGuardian,
        phone: member.phone,
        idNumber: member.idNumber,
        address: member.address,
        guardianshipCapacity: member.guardianshipCapacity,
        note: member.note,
      };

  return (
    <Modal
      open
      title={isNew ? t('registry.family.addTitle') : t('registry.family.editTitle', { name: member.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
    >
      {failure && <Alert type="error" showIcon role="alert" message={failure} className="haven-form-alert" />}
      <Form
        form={form}
        layout="vertical"
        name="member"
        initialValues={initial}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="relation"
          label={t('registry.family.relation')}
          rules={[{ required: true, message: t('registry.family.relationRequired') }]}
        >
          <FormSelect options={relations.map((code) => ({ value: code, label: t(`registry.relation.${code}`) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('registry.name')}
          rules={[{ required: true, whitespace: true, message: t('registry.form.nameRequired') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="isGuardian" valuePropName="checked">
          <Checkbox>{t('registry.family.isGuardian')}</Checkbox>
        </Form.Item>
        {!masked && (
          <>
            <Form.Item name="phone" label={t('registry.phone')}>
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('registry.idNumber')}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="address" label={t('registry.address')}>
              <Input maxLength={300} />
            </Form.Item>
          </>
        )}
        <Form.Item name="guardianshipCapacity" label={t('registry.family.capacity')}>
          <FormSelect
            allowClear
            options={guardianshipCapacities.map((code) => ({ value: code, label: t(`registry.capacity.${code}`) }))}
          />
        </Form.Item>
        {isNew && (
          <>
            <Form.Item name="situationKind" label={t('registry.family.situation')}>
              <FormSelect
                allowClear
                options={situationKinds.map((code) => ({ value: code, label: t(`registry.situation.${code}`) }))}
              />
            </Form.Item>
            {kind && kind !== 'present' && (
              <>
                <Form.Item name="situationPlace" label={t('registry.family.place')}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name="situationSince" label={t('registry.family.since')}>
                  <DatePicker
                    className="haven-full-width"
                    placeholder={t('registry.form.datePlaceholder')}
                    disabledDate={(day) => day.isAfter(dayjs())}
                  />
                </Form.Item>
                <Form.Item name="situationUntil" label={t('registry.family.until')}>
                  <DatePicker className="haven-full-width" placeholder={t('registry.form.datePlaceholder')} />
                </Form.Item>
                {kind === 'disabled' && (
                  <Form.Item name="situationGrade" label={t('registry.field.disabilityGrade')}>
                    <InputNumber min={1} max={4} precision={0} />
                  </Form.Item>
                )}
              </>
            )}
          </>
        )}
        <Form.Item name="note" label={t('registry.family.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {!isNew && (
          <Form.Item
            name="reason"
            label={t('registry.reason')}
            rules={[{ required: true, whitespace: true, message: t('registry.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
