import { DayField } from '../../app/forms/DayField';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Select } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import { fenOf, useSocialOrganisations } from '../projects/projectsApi';
import { ChildSearchSelect } from '../reports/forms/ChildSearchSelect';
import { issueGuidanceOrder, needKinds, needSources, raiseNeed, say } from './charityApi';
import { today } from './today';

/* What a case worker starts here: a need from a child's plan or visit, and a family-education guidance order. */

/** A form shown on request, so the list below it stays in view on a phone. */
export function Opened({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <div>
        <Button type="primary" onClick={() => setOpen(true)}>
          {label}
        </Button>
      </div>
    );
  return (
    <div className="haven-stack">
      {children(() => setOpen(false))}
      <div>
        <Button onClick={() => setOpen(false)}>{t('charity.forms.close')}</Button>
      </div>
    </div>
  );
}

interface NeedValues {
  childId: string;
  source: keyof typeof needSources;
  kind: keyof typeof needKinds;
  description: string;
  amount?: string;
}

/** A need in words a charity may read (no name, school or address): the charity sees only these. */
export function RaiseNeedForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NeedValues>();
  const notice = useNotice();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const submit = async (values: NeedValues) => {
    try {
      await raiseNeed(
        {
          childId: values.childId,
          source: values.source,
          kind: values.kind,
          description: values.description,
          amountFen: values.amount ? (fenOf(values.amount) ?? undefined) : undefined,
        },
        key,
      );
      setKey(crypto.randomUUID());
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['needs'] });
      notice.success(t('charity.forms.needRaised'));
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <Card size="small" title={t('charity.forms.newNeed')}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ source: 'plan', kind: 'school_fees' }}>
        <Form.Item name="childId" label={t('charity.forms.child')} rules={[{ required: true }]}>
          <ChildSearchSelect />
        </Form.Item>
        <Form.Item name="source" label={t('charity.forms.source')}>
          <Select options={Object.entries(needSources).map(([value, l]) => ({ value, label: say(l, lang) }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('charity.forms.kind')}>
          <Select options={Object.entries(needKinds).map(([value, l]) => ({ value, label: say(l, lang) }))} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('charity.forms.description')}
          extra={t('charity.forms.descriptionHelp')}
          rules={[{ required: true }]}
        >
          <Input.TextArea maxLength={500} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('charity.amountYuan')}
          rules={[{ pattern: /^\d{1,11}(\.\d{1,2})?$/, message: t('charity.forms.amountFormat') }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('charity.forms.raise')}
        </Button>
      </Form>
    </Card>
  );
}

interface OrderValues {
  childId: string;
  issuedBy: string;
  issuedOn: string;
  guardian: string;
  sessions: number;
  everyDays: number;
  providerOrganisationId?: string;
}

/** A court's (or a body's) family-education guidance order: its sessions are each followed on a clock. */
export function IssueOrderForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const organisations = useSocialOrganisations();
  const [form] = Form.useForm<OrderValues>();
  const notice = useNotice();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const submit = async (values: OrderValues) => {
    try {
      await issueGuidanceOrder({ ...values, providerOrganisationId: values.providerOrganisationId || undefined }, key);
      setKey(crypto.randomUUID());
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['guidance-orders'] });
      notice.success(t('charity.forms.orderRecorded'));
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <Card size="small" title={t('charity.forms.newOrder')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ issuedOn: today(), sessions: 4, everyDays: 14 }}
      >
        <Form.Item name="childId" label={t('charity.forms.child')} rules={[{ required: true }]}>
          <ChildSearchSelect />
        </Form.Item>
        <Form.Item name="issuedBy" label={t('charity.forms.issuedBy')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('charity.forms.issuedOn')} rules={[{ required: true }]}>
          <DayField />
        </Form.Item>
        <Form.Item name="guardian" label={t('charity.forms.guardian')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="sessions" label={t('charity.forms.sessions')} rules={[{ required: true }]}>
          <InputNumber min={1} max={24} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="everyDays" label={t('charity.forms.everyDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="providerOrganisationId" label={t('charity.forms.provider')}>
          <Select
            allowClear
            loading={organisations.isPending}
            options={(organisations.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('charity.forms.issue')}
        </Button>
      </Form>
    </Card>
  );
}
