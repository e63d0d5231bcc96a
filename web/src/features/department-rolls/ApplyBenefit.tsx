import type { DecisionAnswer } from '@contract/department-rolls/rolls.js';
import { applicantKinds } from '@contract/benefits/vocabulary.js';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { applyFromProposal } from './rollsApi';

interface Values {
  benefitType: string;
  applicantKind: (typeof applicantKinds)[number];
  applicantName: string;
  applicantRelation?: string;
  receivedOn: Dayjs;
}

/**
 * After an accepted fact newly proposes a category: the place's benefits for it, and an application
 * opened through the benefits feature (its deadlines count from the day received) if the person chooses.
 */
export function ApplyBenefit({
  proposalId,
  benefits,
  onClose,
}: {
  proposalId: string;
  benefits: DecisionAnswer['benefitsProposed'];
  onClose(opened: string | null): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { applicationId } = await applyFromProposal(proposalId, {
        benefitType: values.benefitType,
        applicantKind: values.applicantKind,
        applicantName: values.applicantName,
        ...(values.applicantRelation ? { applicantRelation: values.applicantRelation } : {}),
        receivedOn: values.receivedOn.format('YYYY-MM-DD'),
      });
      onClose(applicationId);
    } catch (caught) {
      setError(describeApiError(caught, t));
    } finally {
      setBusy(false);
    }
  };
  const yuan = (fen: number | null) => (fen === null ? t('rolls.apply.noStandard') : (fen / 100).toFixed(2));
  return (
    <Modal
      open
      title={t('rolls.apply.title')}
      okText={t('rolls.apply.open')}
      cancelText={t('rolls.apply.later')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={() => onClose(null)}
    >
      <Alert type="info" showIcon className="haven-form-alert" message={t('rolls.apply.intro')} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          benefitType: benefits[0]?.benefitType,
          applicantKind: 'village_committee',
          receivedOn: dayjs(),
        }}
      >
        <Form.Item name="benefitType" label={t('rolls.apply.benefit')} rules={[{ required: true }]}>
          <Radio.Group>
            {benefits.map((benefit) => (
              <Radio key={benefit.benefitType} value={benefit.benefitType}>
                {benefit.benefitType} {benefit.name} · {t('rolls.apply.monthly', { amount: yuan(benefit.monthlyFen) })}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="applicantKind" label={t('rolls.apply.applicantKind')} rules={[{ required: true }]}>
          <Select options={applicantKinds.map((value) => ({ value, label: t(`benefits.applicant.${value}`) }))} />
        </Form.Item>
        <Form.Item
          name="applicantName"
          label={t('rolls.apply.applicantName')}
          rules={[{ required: true, whitespace: true, message: t('rolls.required') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="applicantRelation" label={t('rolls.apply.applicantRelation')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('rolls.apply.receivedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
