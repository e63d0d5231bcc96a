import { SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { documentTypes } from '@contract/documents/vocabulary.js';
import { Alert, Button, Checkbox, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { FormSelect } from '../../app/forms/FormSelect';
import { useChildDocuments } from '../documents/documentsApi';
import { ProviderSelect } from '../service-matrix/ProviderSelect';
import {
  createReferral,
  serviceCodes,
  serviceLabel,
  type ServiceCode,
  type SharedPart,
  sharedParts,
} from './referralsApi';

interface Values {
  toOrganisationId: string;
  service: ServiceCode;
  shares: SharedPart[];
  documentIds?: string[];
  reason: string;
  dueOn?: Dayjs;
  guardian: 'given' | 'refused' | 'not_asked';
  child: 'given' | 'refused' | 'not_asked';
  waiverReason?: string;
}

/** "Refer" on a child's file: to an organisation, naming what of the file it may see while the referral is open. */
export function ReferButton({ childId, division }: { childId: string; division: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm<Values>();
  const service = Form.useWatch('service', form);
  const shares = Form.useWatch('shares', form);
  const sharingDocuments = open && (shares ?? []).includes('documents');
  // Listed only once documents are to be shared: each list is an audited read of the file.
  const documents = useChildDocuments(childId, false, sharingDocuments);
  const notice = useNotice();
  const queryClient = useQueryClient();
  if (!can('referrals.act')) return null;

  async function send(values: Values) {
    setBusy(true);
    try {
      const created = await createReferral(
        {
          childId,
          toOrganisationId: values.toOrganisationId,
          service: values.service,
          shares: [...new Set<SharedPart>(['identity', ...values.shares])],
          documentIds: values.shares.includes('documents') ? (values.documentIds ?? []) : [],
          reason: values.reason,
          dueOn: values.dueOn ? values.dueOn.format('YYYY-MM-DD') : undefined,
          consent: { guardian: values.guardian, child: values.child, waiverReason: values.waiverReason || undefined },
        },
        key,
      );
      setKey(crypto.randomUUID());
      void queryClient.invalidateQueries({ queryKey: ['referrals'] });
      if (created.warnings.length > 0) setWarnings(created.warnings.map((w) => w.message));
      else {
        setOpen(false);
        form.resetFields();
      }
      void notice.success(t('referrals.sent'));
    } catch (error) {
      void notice.error(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        icon={<SwapOutlined aria-hidden />}
        onClick={() => {
          setWarnings([]);
          setOpen(true);
        }}
      >
        {t('referrals.refer')}
      </Button>
      <Modal
        open={open}
        title={t('referrals.referTitle')}
        okText={t('referrals.send')}
        okButtonProps={{ loading: busy, disabled: warnings.length > 0 }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {warnings.map((w) => (
          <Alert key={w} type="warning" showIcon message={t('referrals.warning')} description={w} />
        ))}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(values) => void send(values)}
          initialValues={{ shares: ['identity'], guardian: 'given', child: 'given' }}
        >
          <Form.Item name="service" label={t('referrals.service')} rules={[{ required: true }]}>
            <FormSelect<ServiceCode>
              options={serviceCodes.map((code) => ({ value: code, label: serviceLabel(code, i18n.language) }))}
              showSearch
              optionFilterProp="label"
            />
          </Form.Item>
          <Form.Item name="toOrganisationId" label={t('referrals.referTo')} rules={[{ required: true }]}>
            <ProviderSelect division={division} service={service} />
          </Form.Item>
          <Form.Item name="shares" label={t('referrals.shares')}>
            <Checkbox.Group
              options={sharedParts.map((part) => ({
                value: part,
                label: t(`referrals.part.${part}`),
                disabled: part === 'identity',
              }))}
            />
          </Form.Item>
          {sharingDocuments && (
            <Form.Item
              name="documentIds"
              label={t('referrals.documentsChosen')}
              // A validator, not `required`: antd would put aria-required on the group's plain <div> (axe).
              rules={[
                {
                  validator: (_, chosen?: string[]) =>
                    chosen && chosen.length > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('referrals.documentsRequired'))),
                },
              ]}
              extra={
                documents.data?.items.length === 0
                  ? t('referrals.documentsNone')
                  : documents.isError
                    ? describeApiError(documents.error, t)
                    : undefined
              }
            >
              <Checkbox.Group
                options={(documents.data?.items ?? []).map((document) => ({
                  value: document.id,
                  label: `${i18n.language === 'en' ? documentTypes[document.type].en : documentTypes[document.type].zh} · ${document.title ?? document.fileName}`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('referrals.why')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('referrals.dueOn')}>
            <DatePicker inputReadOnly />
          </Form.Item>
          <Form.Item name="guardian" label={t('referrals.consentGuardian')}>
            <Radio.Group
              options={(['given', 'refused', 'not_asked'] as const).map((v) => ({
                value: v,
                label: t(`referrals.consent.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="child" label={t('referrals.consentChild')}>
            <Radio.Group
              options={(['given', 'refused', 'not_asked'] as const).map((v) => ({
                value: v,
                label: t(`referrals.consent.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="waiverReason" label={t('referrals.waiver')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
