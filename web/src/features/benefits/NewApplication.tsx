import { applicantKinds, applicationDocuments } from '@contract/benefits/vocabulary.js';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import { useApply, useBenefitTypes, useChildSearch } from './benefitsApi';

interface Values {
  childId: string;
  benefitType: string;
  receivedOn: Dayjs;
  applicantKind: (typeof applicantKinds)[number];
  applicantName: string;
  applicantRelation?: string;
  documents?: (typeof applicationDocuments)[number][];
}

/** Records an application received on paper: the child, the benefit, the day received, who applied, documents. */
export function NewApplication({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const notice = useNotice();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const children = useChildSearch(q);
  const childId = Form.useWatch('childId', form);
  const child = children.data?.items.find((c) => c.id === childId);
  const types = useBenefitTypes(child?.residenceCode);
  const apply = useApply();
  const navigate = useNavigate();
  const submit = async (values: Values) => {
    try {
      const view = await apply.mutateAsync({
        ...values,
        receivedOn: values.receivedOn.format('YYYY-MM-DD'),
        documents: values.documents ?? [],
      });
      form.resetFields();
      onClose();
      navigate(`/benefits/${view.id}`);
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <Modal
      open={open}
      title={t('benefits.newApplication')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={apply.isPending}
      okText={t('benefits.save')}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="childId" label={t('benefits.child')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            placeholder={t('benefits.childSearch')}
            options={(children.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.name} · ${c.havenCode} · ${c.residenceName}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="benefitType" label={t('benefits.benefitType')} rules={[{ required: true }]}>
          <Select
            options={(types.data?.types ?? []).map((type) => ({
              value: type.code,
              label: `${i18n.language === 'en' ? type.en : type.zh} (${type.code})`,
            }))}
          />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('benefits.receivedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="applicantKind" label={t('benefits.applicantKind')} rules={[{ required: true }]}>
          <Select options={applicantKinds.map((k) => ({ value: k, label: t(`benefits.applicant.${k}`) }))} />
        </Form.Item>
        <Form.Item name="applicantName" label={t('benefits.applicantName')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="applicantRelation" label={t('benefits.applicantRelation')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="documents" label={t('benefits.documents')}>
          <Select
            mode="multiple"
            options={applicationDocuments.map((d) => ({ value: d, label: t(`benefits.document.${d}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
