import { carerCapacities, contactChannels, contactParents } from '@contract/visits/entrusted-care.js';
import { Alert, Button, Form, Input, Radio } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DayField, todayValue } from '../../../app/forms/DayField';
import { type EntrustedCareView, recordEntrustedCare, recordParentContact } from './entrustedApi';
import { useCareSubmit } from './useCareSubmit';

interface RegisterValues {
  carerName: string;
  carerRelation: string;
  carerPhone?: string;
  capacity: EntrustedCareView['capacity'];
  capacityNote?: string;
  startedOn: string;
  noticeSchoolOn?: string;
  noticeVillageOn?: string;
}

/** Registers the carer the parents entrusted the child to, with the agreement's date and the written notices so far. */
export function RegisterCareForm({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RegisterValues>();
  const key = useMemo(() => `entrusted-${crypto.randomUUID()}`, []);
  const { error, busy, run } = useCareSubmit(form, childId, ['startedOn', 'noticeSchoolOn', 'noticeVillageOn']);
  const submit = (v: RegisterValues) =>
    run(
      () =>
        recordEntrustedCare(
          childId,
          {
            carerName: v.carerName,
            carerRelation: v.carerRelation,
            carerPhone: v.carerPhone || null,
            capacity: v.capacity,
            capacityNote: v.capacityNote || null,
            startedOn: v.startedOn,
            noticeSchoolOn: v.noticeSchoolOn ?? null,
            noticeVillageOn: v.noticeVillageOn ?? null,
          },
          key,
        ),
      t('grassroots.entrusted.registered'),
    );
  return (
    <section className="haven-entrusted-section" aria-labelledby="entrusted-register">
      <h3 id="entrusted-register">{t('grassroots.entrusted.registerTitle')}</h3>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ capacity: 'capable', startedOn: todayValue() }}
      >
        <Form.Item name="carerName" label={t('grassroots.entrusted.carerName')} rules={[{ required: true }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item name="carerRelation" label={t('grassroots.entrusted.carerRelation')} rules={[{ required: true }]}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item name="carerPhone" label={t('grassroots.entrusted.carerPhone')}>
          <Input maxLength={30} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="capacity" label={t('grassroots.entrusted.capacity')}>
          <Radio.Group
            optionType="button"
            options={carerCapacities.map((c) => ({ value: c, label: t(`grassroots.entrusted.capacityValue.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="capacityNote" label={t('grassroots.entrusted.capacityNote')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="startedOn" label={t('grassroots.entrusted.startedOn')} rules={[{ required: true }]}>
          <DayField notAfterToday />
        </Form.Item>
        <Form.Item name="noticeSchoolOn" label={t('grassroots.entrusted.noticeSchoolOn')}>
          <DayField notAfterToday />
        </Form.Item>
        <Form.Item name="noticeVillageOn" label={t('grassroots.entrusted.noticeVillageOn')}>
          <DayField notAfterToday />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t('grassroots.entrusted.register')}
        </Button>
      </Form>
    </section>
  );
}

interface ContactValues {
  contactedOn: string;
  parent: (typeof contactParents)[number];
  channel: (typeof contactChannels)[number];
  note?: string;
}

/** A parent's call, video or visit: meets the weekly clock; the next contact is due a week after it. */
export function ContactForm({ childId, care }: { childId: string; care: EntrustedCareView }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ContactValues>();
  const [key, setKey] = useState(() => `contact-${crypto.randomUUID()}`);
  const { error, busy, run } = useCareSubmit(form, childId, ['contactedOn']);
  const submit = async (v: ContactValues) => {
    const sent = await run(
      () =>
        recordParentContact(
          care.id,
          { contactedOn: v.contactedOn, parent: v.parent, channel: v.channel, note: v.note || null },
          key,
        ),
      t('grassroots.entrusted.contactSaved'),
    );
    if (!sent) return;
    form.resetFields(['note']);
    setKey(`contact-${crypto.randomUUID()}`);
  };
  return (
    <section className="haven-entrusted-section" aria-labelledby="entrusted-contact">
      <h3 id="entrusted-contact">{t('grassroots.entrusted.contactTitle')}</h3>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Form<ContactValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ contactedOn: todayValue(), parent: 'mother', channel: 'phone' }}
      >
        <Form.Item name="contactedOn" label={t('grassroots.entrusted.contactedOn')} rules={[{ required: true }]}>
          <DayField notAfterToday />
        </Form.Item>
        <Form.Item name="parent" label={t('grassroots.entrusted.parent')}>
          <Radio.Group
            optionType="button"
            options={contactParents.map((p) => ({ value: p, label: t(`grassroots.entrusted.parentValue.${p}`) }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('grassroots.entrusted.channel')}>
          <Radio.Group
            optionType="button"
            options={contactChannels.map((c) => ({ value: c, label: t(`grassroots.entrusted.channelValue.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('grassroots.entrusted.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t('grassroots.entrusted.saveContact')}
        </Button>
      </Form>
    </section>
  );
}
