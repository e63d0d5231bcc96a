import { SwapOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrganisationSelect } from '../organisations/OrganisationSelect';
import { type CasePlanServices, requestTransfer } from './caseNetworkApi';
import { TransferList } from './TransferList';
import { useSaving } from './useSaving';

interface Values {
  toOrganisationId: string;
  reason: string;
}

/** The case's lead: ask another organisation to take it over (the child moves county), and the transfers so far. */
export function LeadSection({ plan }: { plan: CasePlanServices }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { busy, save } = useSaving();
  if (!plan.canTransfer && plan.transfers.length === 0) return null;
  return (
    <section className="haven-case-section" aria-labelledby="haven-case-lead">
      <h2 id="haven-case-lead">{t('caseNetwork.leadTitle')}</h2>
      {plan.transfers.length === 0 ? (
        <p className="haven-secondary">{t('caseNetwork.noTransfers')}</p>
      ) : (
        <TransferList transfers={plan.transfers} />
      )}
      {plan.canTransfer && (
        <Button icon={<SwapOutlined aria-hidden />} onClick={() => setOpen(true)}>
          {t('caseNetwork.requestTransfer')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('caseNetwork.requestTransfer')}
        okText={t('caseNetwork.sendTransfer')}
        okButtonProps={{ loading: busy }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p className="haven-secondary">{t('caseNetwork.transferHelp')}</p>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={async (values) => {
            if (await save((key) => requestTransfer(plan.caseId, values, key), t('caseNetwork.transferSent')))
              setOpen(false);
          }}
        >
          <Form.Item
            name="toOrganisationId"
            label={t('caseNetwork.transferTo')}
            rules={[{ required: true, message: t('caseNetwork.providerRequired') }]}
          >
            <OrganisationSelect />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('caseNetwork.transferReason')}
            rules={[{ required: true, whitespace: true, message: t('caseNetwork.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
