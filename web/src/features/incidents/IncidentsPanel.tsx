import { useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Modal, Radio, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { OrganisationSelect } from '../organisations/OrganisationSelect';
import { serviceLabel } from '../referrals/referralsApi';
import {
  type ChildRole,
  childRoles,
  type HarmKind,
  harmKinds,
  type PerpetratorRelation,
  perpetratorRelations,
  recordIncident,
  referForSupport,
  useCaseIncidents,
  victimSupportServices,
} from './incidentsApi';

interface RecordValues {
  harmKind: HarmKind;
  occurredOn: Dayjs;
  place: string;
  perpetratorRelation: PerpetratorRelation;
  childRole: ChildRole;
  description?: string;
}
interface ReferValues {
  toOrganisationId: string;
  service: (typeof victimSupportServices)[number] | 'community_correction_follow_up';
  reason: string;
  guardianConsent: 'given' | 'refused' | 'not_asked';
  childConsent: 'given' | 'refused' | 'not_asked';
  waiverReason?: string;
}
type Vocabulary = Record<string, { zh: string; en: string }>;
const optionsOf = (vocabulary: Vocabulary, english: boolean) =>
  Object.entries(vocabulary).map(([value, label]) => ({ value, label: english ? label.en : label.zh }));

/**
 * The case's incidents and the juvenile victim/offender flags, for those working the case (the
 * server answers an empty list to anyone else); record one, or refer the child for victim support.
 */
export function IncidentsPanel({ caseId, childId }: { caseId: string; childId: string }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const { can } = useAuth();
  const readable = can('incidents.read');
  const incidents = useCaseIncidents(caseId, readable);
  const queryClient = useQueryClient();
  const [recording, setRecording] = useState(false);
  const [referring, setReferring] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [recordForm] = Form.useForm<RecordValues>();
  const [referForm] = Form.useForm<ReferValues>();
  const notice = useNotice();
  if (!readable) return null;
  const label = (vocabulary: Vocabulary, code: string) =>
    vocabulary[code] ? (english ? vocabulary[code].en : vocabulary[code].zh) : code;

  async function saving(work: () => Promise<unknown>) {
    setBusy(true);
    try {
      await work();
      setKey(crypto.randomUUID());
      void notice.success(t('incidents.saved'));
      return true;
    } catch (error) {
      void notice.error(describeApiError(error, t));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const data = incidents.data;
  return (
    <section className="haven-case-section" aria-labelledby="haven-case-incidents">
      <h2 id="haven-case-incidents">
        {t('incidents.title')} {data?.flags.victim && <Tag color="error">{t('incidents.victimFlag')}</Tag>}
        {data?.flags.offender && <Tag color="purple">{t('incidents.offenderFlag')}</Tag>}
      </h2>
      <p className="haven-secondary">{t('incidents.confidential')}</p>
      {data && data.items.length === 0 && <p className="haven-secondary">—</p>}
      <ul>
        {data?.items.map((incident) => (
          <li key={incident.id}>
            {incident.occurredOn} · {label(harmKinds, incident.harmKind)} · {label(childRoles, incident.childRole)} ·{' '}
            {t('incidents.by', { relation: label(perpetratorRelations, incident.perpetratorRelation) })} ·{' '}
            {incident.place}
            {can('referrals.act') && (
              <Button type="link" onClick={() => setReferring(incident.id)}>
                {t('incidents.refer')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {can('incidents.record') && <Button onClick={() => setRecording(true)}>{t('incidents.record')}</Button>}
      <Modal
        open={recording}
        title={t('incidents.record')}
        okText={t('incidents.save')}
        okButtonProps={{ loading: busy }}
        onOk={() => recordForm.submit()}
        onCancel={() => setRecording(false)}
        destroyOnHidden
      >
        <Form
          form={recordForm}
          layout="vertical"
          onFinish={async (v) => {
            const body = {
              childId,
              caseId,
              harmKind: v.harmKind,
              occurredOn: v.occurredOn.format('YYYY-MM-DD'),
              place: v.place,
              perpetratorRelation: v.perpetratorRelation,
              childRole: v.childRole,
              description: v.description || undefined,
            };
            if (await saving(() => recordIncident(body, key))) {
              setRecording(false);
              void queryClient.invalidateQueries({ queryKey: ['incidents', caseId] });
            }
          }}
        >
          <Form.Item name="childRole" label={t('incidents.childRole')} rules={[{ required: true }]}>
            <Radio.Group options={optionsOf(childRoles, english)} />
          </Form.Item>
          <Form.Item name="harmKind" label={t('incidents.harmKind')} rules={[{ required: true }]}>
            <Select options={optionsOf(harmKinds, english)} />
          </Form.Item>
          <Form.Item name="occurredOn" label={t('incidents.occurredOn')} rules={[{ required: true }]}>
            <DatePicker inputReadOnly />
          </Form.Item>
          <Form.Item name="place" label={t('incidents.place')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="perpetratorRelation" label={t('incidents.relation')} rules={[{ required: true }]}>
            <Select options={optionsOf(perpetratorRelations, english)} />
          </Form.Item>
          <Form.Item name="description" label={t('incidents.description')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={referring !== null}
        title={t('incidents.refer')}
        okText={t('incidents.send')}
        okButtonProps={{ loading: busy }}
        onOk={() => referForm.submit()}
        onCancel={() => setReferring(null)}
        destroyOnHidden
      >
        <Form
          form={referForm}
          layout="vertical"
          initialValues={{ guardianConsent: 'given', childConsent: 'given', service: 'victim_support' }}
          onFinish={async (v) => {
            if (
              referring &&
              (await saving(() => referForSupport(referring, { ...v, waiverReason: v.waiverReason || undefined }, key)))
            ) {
              setReferring(null);
              void queryClient.invalidateQueries({ queryKey: ['referrals'] });
            }
          }}
        >
          <Form.Item name="service" label={t('incidents.service')} rules={[{ required: true }]}>
            <Select
              options={[...victimSupportServices, 'community_correction_follow_up' as const].map((code) => ({
                value: code,
                label: serviceLabel(code, i18n.language),
              }))}
            />
          </Form.Item>
          <Form.Item name="toOrganisationId" label={t('incidents.to')} rules={[{ required: true }]}>
            <OrganisationSelect />
          </Form.Item>
          <Form.Item name="reason" label={t('incidents.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="guardianConsent" label={t('incidents.guardianConsent')}>
            <Radio.Group
              options={(['given', 'refused', 'not_asked'] as const).map((v) => ({
                value: v,
                label: t(`referrals.consent.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="childConsent" label={t('incidents.childConsent')}>
            <Radio.Group
              options={(['given', 'refused', 'not_asked'] as const).map((v) => ({
                value: v,
                label: t(`referrals.consent.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="waiverReason" label={t('incidents.waiver')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
