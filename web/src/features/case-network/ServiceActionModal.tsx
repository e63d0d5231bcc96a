import { sharedParts, type SharedPart } from '@contract/referrals/vocabulary.js';
import { Checkbox, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { actOnService, type PlannedService, type ServiceUserAction } from './caseNetworkApi';
import { serviceName } from './labels';
import { useSaving } from './useSaving';

type Consent = 'given' | 'refused' | 'not_asked';
interface Values {
  shares?: SharedPart[];
  reason?: string;
  guardian?: Consent;
  child?: Consent;
  waiverReason?: string;
  on?: Dayjs;
  note?: string;
}

/** Refer a planned service to its provider, or mark it delivered / not delivered, with the seq it was seen at. */
export function ServiceActionModal({
  service,
  action,
  onClose,
}: {
  service: PlannedService | null;
  action: ServiceUserAction | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { busy, save } = useSaving();
  const open = service !== null && action !== null;

  async function submit(values: Values) {
    if (!service || !action) return;
    const expectedSeq = service.seq;
    const day = (values.on ?? dayjs()).format('YYYY-MM-DD');
    const body =
      action === 'refer'
        ? {
            type: action,
            expectedSeq,
            shares: [...new Set<SharedPart>(['identity', ...(values.shares ?? [])])],
            reason: values.reason ?? '',
            consent: {
              guardian: values.guardian ?? 'given',
              child: values.child ?? 'given',
              waiverReason: values.waiverReason || undefined,
            },
          }
        : action === 'deliver'
          ? { type: action, expectedSeq, deliveredOn: day, note: values.note || undefined }
          : { type: action, expectedSeq, decidedOn: day, reason: values.reason ?? '' };
    if (await save((key) => actOnService(service.id, body, key), t(`caseNetwork.done.${action}`))) onClose();
  }

  const consentOptions = (['given', 'refused', 'not_asked'] as const).map((value) => ({
    value,
    label: t(`referrals.consent.${value}`),
  }));
  return (
    <Modal
      open={open}
      title={
        service && action
          ? t(`caseNetwork.actionTitle.${action}`, { service: serviceName(service.service, i18n.language) })
          : ''
      }
      okText={action ? t(`caseNetwork.action.${action}`) : ''}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {service && action === 'refer' && (
        <p className="haven-secondary">{t('caseNetwork.referTo', { organisation: service.provider.name })}</p>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ shares: ['identity'], guardian: 'given', child: 'given', on: dayjs() }}
      >
        {action === 'refer' && (
          <>
            <Form.Item name="shares" label={t('caseNetwork.shares')} extra={t('caseNetwork.sharesHelp')}>
              <Checkbox.Group
                options={sharedParts.map((part) => ({
                  value: part,
                  label: t(`referrals.part.${part}`),
                  disabled: part === 'identity' || part === 'documents',
                }))}
              />
            </Form.Item>
            <Form.Item name="guardian" label={t('referrals.consentGuardian')}>
              <Radio.Group options={consentOptions} />
            </Form.Item>
            <Form.Item name="child" label={t('referrals.consentChild')}>
              <Radio.Group options={consentOptions} />
            </Form.Item>
            <Form.Item name="waiverReason" label={t('referrals.waiver')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
        {action !== 'refer' && (
          <Form.Item
            name="on"
            label={t(action === 'deliver' ? 'caseNetwork.deliveredOn' : 'caseNetwork.decidedOn')}
            rules={[{ required: true, message: t('caseNetwork.dateRequired') }]}
          >
            <DatePicker inputReadOnly disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
        )}
        {action === 'deliver' ? (
          <Form.Item name="note" label={t('caseNetwork.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        ) : (
          <Form.Item
            name="reason"
            label={t(action === 'refer' ? 'caseNetwork.referReason' : 'caseNetwork.notDeliveredReason')}
            rules={[{ required: true, whitespace: true, message: t('caseNetwork.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={action === 'refer' ? 2000 : 1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
