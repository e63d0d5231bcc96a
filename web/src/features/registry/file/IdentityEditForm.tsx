import { Button, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SexRadio } from '../SexRadio';
import { FormSelect } from '../../../app/forms/FormSelect';
import { showFieldProblems } from '../../../app/forms/serverErrors';
import { DivisionPicker } from '../../divisions/DivisionPicker';
import { disabilityTypes, householdBenefitCodes, riskGrades } from '@contract/registry/vocabulary.js';
import { useIdRules } from '../create/useIdRules';
import { identityFields, type IdentityValues } from './identityForm';

interface IdentityEditFormProps {
  initial: Partial<IdentityValues>;
  masked: boolean;
  saving: boolean;
  onSave: (values: IdentityValues) => Promise<boolean>;
  onCancel: () => void;
}

export function IdentityEditForm({ initial, masked, onSave, onCancel }: IdentityEditFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IdentityValues>();
  const [saving, setSaving] = useState(false);
  const idRules = useIdRules(form);

  async function submit(values: IdentityValues) {
    setSaving(true);
    try {
      await onSave(values);
    } catch (error) {
      showFieldProblems(form, error, identityFields);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form<IdentityValues>
      form={form}
      layout="vertical"
      name="identity"
      initialValues={initial}
      onFinish={(values) => void submit(values)}
      className="haven-form-narrow"
      scrollToFirstError
    >
      <Form.Item
        name="name"
        label={t('registry.name')}
        rules={[{ required: true, whitespace: true, message: t('registry.form.nameRequired') }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="formerNames" label={t('registry.field.formerNames')}>
        <FormSelect mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
      </Form.Item>
      <Form.Item name="sex" label={t('registry.sexLabel')} dependencies={['idNumber']} rules={idRules.sex}>
        <SexRadio />
      </Form.Item>
      <Form.Item name="birthDate" label={t('registry.birthDate')} dependencies={['idNumber']} rules={idRules.birthDate}>
        <DatePicker
          className="haven-full-width"
          placeholder={t('registry.form.datePlaceholder')}
          disabledDate={(day) => day.isAfter(dayjs())}
        />
      </Form.Item>
      {masked ? (
        <p className="haven-hint">{t('registry.form.maskedFieldsHint')}</p>
      ) : (
        <>
          <Form.Item
            name="idNumber"
            label={t('registry.idNumber')}
            rules={idRules.idNumber}
            normalize={(value: string) => value.toUpperCase()}
          >
            <Input maxLength={18} className="haven-code" autoComplete="off" />
          </Form.Item>
          <Form.Item name="phone" label={t('registry.phone')}>
            <Input maxLength={30} inputMode="tel" />
          </Form.Item>
          <Form.Item name="address" label={t('registry.address')}>
            <Input maxLength={300} />
          </Form.Item>
        </>
      )}
      <Form.Item name="ethnicity" label={t('registry.field.ethnicity')}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item
        name="residenceCode"
        label={t('registry.residence')}
        rules={[{ required: true, message: t('registry.form.residenceRequired') }]}
      >
        <DivisionPicker allowClear={false} />
      </Form.Item>
      <Form.Item name="hukouCode" label={t('registry.hukou')}>
        <DivisionPicker />
      </Form.Item>
      <Form.Item name="school" label={t('registry.field.school')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="grade" label={t('registry.field.grade')}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="disabilityType" label={t('registry.field.disabilityType')}>
        <FormSelect
          allowClear
          options={disabilityTypes.map((code) => ({ value: code, label: t(`registry.disabilityType.${code}`) }))}
        />
      </Form.Item>
      <Form.Item name="disabilityGrade" label={t('registry.field.disabilityGrade')}>
        <InputNumber min={1} max={4} precision={0} />
      </Form.Item>
      <Form.Item name="disabilityCertificate" label={t('registry.field.disabilityCertificate')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="seriousIllness" label={t('registry.field.seriousIllness')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="householdBenefits" label={t('registry.field.householdBenefits')}>
        <Select
          mode="multiple"
          allowClear
          options={householdBenefitCodes.map((code) => ({ value: code, label: t(`registry.benefit.${code}`) }))}
        />
      </Form.Item>
      <Form.Item name="riskGrade" label={t('registry.riskLabel')}>
        <FormSelect
          allowClear
          options={riskGrades.map((grade) => ({ value: grade, label: t(`registry.risk.${grade}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('registry.reason')}
        rules={[{ required: true, whitespace: true, message: t('registry.reasonRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <div className="haven-section-actions">
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </Form>
  );
}
