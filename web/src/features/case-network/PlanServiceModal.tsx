import { serviceCodes, type ServiceCode } from '@contract/service-matrix/vocabulary.js';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProviderSelect } from '../service-matrix/ProviderSelect';
import { planService } from './caseNetworkApi';
import { serviceName } from './labels';
import { useSaving } from './useSaving';

interface Values {
  service: ServiceCode;
  providerOrganisationId: string;
  responseDays: number;
  note?: string;
}

/** Plan a service in the case: from the catalogue, with the organisation that provides it and the days it may take. */
export function PlanServiceModal({
  caseId,
  division,
  open,
  onClose,
}: {
  caseId: string;
  division: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const service = Form.useWatch('service', form);
  const { busy, save } = useSaving();
  return (
    <Modal
      open={open}
      title={t('caseNetwork.planTitle')}
      okText={t('caseNetwork.planSave')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ responseDays: 10 }}
        onFinish={async (values) => {
          const body = { ...values, note: values.note || undefined };
          if (await save((key) => planService(caseId, body, key), t('caseNetwork.planned'))) onClose();
        }}
      >
        <Form.Item
          name="service"
          label={t('caseNetwork.service')}
          rules={[{ required: true, message: t('caseNetwork.serviceRequired') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={serviceCodes.map((code) => ({ value: code, label: serviceName(code, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item
          name="providerOrganisationId"
          label={t('caseNetwork.provider')}
          extra={t('caseNetwork.providerHelp')}
          rules={[{ required: true, message: t('caseNetwork.providerRequired') }]}
        >
          <ProviderSelect division={division} service={service} />
        </Form.Item>
        <Form.Item
          name="responseDays"
          label={t('caseNetwork.responseDays')}
          rules={[{ required: true, message: t('caseNetwork.responseDaysRequired') }]}
        >
          <InputNumber min={0} max={365} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="note" label={t('caseNetwork.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
