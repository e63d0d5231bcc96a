import { WarningFilled } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Select, Space, Tabs, Tag, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { fenOf, yuan } from '../projects/projectsApi';
import {
  actOnNeed,
  addVolunteer,
  checkStates,
  donationForms,
  donorKinds,
  type GuidanceOrderView,
  guidanceSessionStates,
  type NeedView,
  needKinds,
  needStatusLabels,
  recordDonation,
  recordGuidanceSession,
  renewCheck,
  say,
  useDonations,
  useGuidanceOrders,
  useNeeds,
  useVolunteers,
} from './charityApi';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function NeedCard({ need, charity }: { need: NeedView; charity: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const donations = useDonations(charity);
  const volunteers = useVolunteers(charity);
  const [donationId, setDonationId] = useState<string>();
  const [volunteerId, setVolunteerId] = useState<string>();
  const [receivedBy, setReceivedBy] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const act = async (input: Parameters<typeof actOnNeed>[1]) => {
    setBusy(true);
    setError(undefined);
    try {
      await actOnNeed(need.id, input, crypto.randomUUID());
      await queryClient.invalidateQueries({ queryKey: ['needs'] });
      await queryClient.invalidateQueries({ queryKey: ['donations'] });
    } catch (e) {
      setError(describeApiError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const free = (donations.data?.items ?? []).filter((d) => d.needId === null);
  return (
    <Card
      size="small"
      data-need={need.id}
      title={
        <Space wrap>
          <Tag color="blue">{say(needKinds[need.kind], lang)}</Tag>
          <span>{say(needStatusLabels[need.status], lang)}</span>
        </Space>
      }
    >
      <p>{need.description}</p>
      <p className="haven-muted">
        {need.county} · {need.childName ?? t('charity.identityHidden')} · {t('charity.raisedBy')} {need.raisedBy}
        {need.amountFen !== null && ` · ${yuan(need.amountFen, lang)}`}
      </p>
      {need.donation && (
        <p>
          {t('charity.matchedDonation')}{' '}
          {need.donation.amountFen !== null ? yuan(need.donation.amountFen, lang) : need.donation.goods}
        </p>
      )}
      {need.volunteer && (
        <p>
          {t('charity.matchedVolunteer')} {need.volunteer.name}
        </p>
      )}
      {need.receipt && (
        <Alert
          type="success"
          showIcon
          message={t('charity.receipt', { number: need.receipt.number })}
          description={`${need.receipt.handedOn} · ${need.receipt.receivedBy} · ${need.receipt.items} · ${need.receipt.charity}`}
        />
      )}
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      {charity && need.allowedActions.includes('match') && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            aria-label={t('charity.chooseDonation')}
            placeholder={t('charity.chooseDonation')}
            allowClear
            value={donationId}
            onChange={setDonationId}
            options={free.map((d) => ({
              value: d.id,
              label: `${d.receivedOn} · ${d.amountFen !== null ? yuan(d.amountFen, lang) : d.goods}`,
            }))}
          />
          <Select
            aria-label={t('charity.chooseVolunteer')}
            placeholder={t('charity.chooseVolunteer')}
            allowClear
            value={volunteerId}
            onChange={setVolunteerId}
            options={(volunteers.data?.items ?? []).map((v) => ({
              value: v.id,
              label: `${v.name} · ${say(checkStates[v.check], lang)}`,
            }))}
          />
          <Button
            type="primary"
            loading={busy}
            onClick={() => act({ type: 'match', expectedSeq: need.seq, donationId, volunteerId })}
          >
            {t('charity.match')}
          </Button>
        </Space>
      )}
      {charity && need.allowedActions.includes('hand_over') && (
        <Space wrap>
          <Input
            aria-label={t('charity.receivedBy')}
            placeholder={t('charity.receivedBy')}
            value={receivedBy}
            onChange={(e) => setReceivedBy(e.target.value)}
          />
          <Button
            type="primary"
            loading={busy}
            disabled={receivedBy.trim() === ''}
            onClick={() => act({ type: 'hand_over', expectedSeq: need.seq, handedOn: today(), receivedBy })}
          >
            {t('charity.handOver')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

function Needs({ charity }: { charity: boolean }) {
  const { t } = useTranslation();
  const needs = useNeeds();
  if (needs.error) return <Alert type="error" message={describeApiError(needs.error, t)} />;
  return (
    <List
      loading={needs.isLoading}
      dataSource={needs.data?.items ?? []}
      locale={{ emptyText: t('charity.noNeeds') }}
      renderItem={(need) => (
        <List.Item>
          <NeedCard need={need} charity={charity} />
        </List.Item>
      )}
    />
  );
}

function Donations() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const donations = useDonations(true);
  const [form] = Form.useForm();
  const [notice, holder] = message.useMessage();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const kind = Form.useWatch('form', form) as string | undefined;
  const submit = async (values: Record<string, string>) => {
    try {
      const amountFen = values.amount ? fenOf(values.amount) : null;
      await recordDonation(
        {
          donorKind: values.donorKind as 'company',
          donorName: values.donorName || undefined,
          form: values.form as 'cash',
          amountFen: amountFen ?? undefined,
          goods: values.goods || undefined,
          receivedOn: today(),
        },
        key,
      );
      setKey(crypto.randomUUID());
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['donations'] });
      notice.success(t('charity.donationRecorded'));
    } catch (e) {
      notice.error(describeApiError(e, t));
    }
  };
  return (
    <div className="haven-stack">
      {holder}
      <Card size="small" title={t('charity.newDonation')}>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ donorKind: 'company', form: 'in_kind' }}>
          <Form.Item name="donorKind" label={t('charity.donorKind')}>
            <Select options={Object.entries(donorKinds).map(([value, l]) => ({ value, label: say(l, lang) }))} />
          </Form.Item>
          <Form.Item name="donorName" label={t('charity.donorName')}>
            <Input />
          </Form.Item>
          <Form.Item name="form" label={t('charity.form')}>
            <Select options={Object.entries(donationForms).map(([value, l]) => ({ value, label: say(l, lang) }))} />
          </Form.Item>
          {kind === 'cash' ? (
            <Form.Item name="amount" label={t('charity.amountYuan')} rules={[{ required: true }]}>
              <Input inputMode="decimal" />
            </Form.Item>
          ) : (
            <Form.Item name="goods" label={t('charity.goods')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit">
            {t('charity.record')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('charity.yearly')}>
        {(donations.data?.yearly ?? []).map((y) => (
          <p key={y.year}>
            {t('charity.yearLine', {
              year: y.year,
              cash: yuan(y.cashFen, lang),
              goods: y.inKind,
              handed: y.handedOver,
            })}
          </p>
        ))}
      </Card>
      <List
        loading={donations.isLoading}
        dataSource={donations.data?.items ?? []}
        renderItem={(d) => (
          <List.Item>
            {d.receivedOn} · {say(donorKinds[d.donorKind], lang)} {d.donorName ?? ''} ·{' '}
            {d.amountFen !== null ? yuan(d.amountFen, lang) : d.goods}{' '}
            {d.handedOver ? (
              <Tag color="green">{t('charity.handedOver')}</Tag>
            ) : (
              d.needId && <Tag>{t('charity.matched')}</Tag>
            )}
          </List.Item>
        )}
      />
    </div>
  );
}

function Volunteers() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const volunteers = useVolunteers(true);
  const [form] = Form.useForm();
  const [notice, holder] = message.useMessage();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [renewOn, setRenewOn] = useState<Record<string, string>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['volunteers'] });
  return (
    <div className="haven-stack">
      {holder}
      <Card size="small" title={t('charity.newVolunteer')}>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (values: { name: string; skills?: string; checkPassedOn?: string }) => {
            try {
              await addVolunteer(
                {
                  name: values.name,
                  skills: (values.skills ?? '')
                    .split(/[,，、]/)
                    .map((s) => s.trim())
                    .filter(Boolean),
                  checkPassedOn: values.checkPassedOn || undefined,
                },
                key,
              );
              setKey(crypto.randomUUID());
              form.resetFields();
              await refresh();
            } catch (e) {
              notice.error(describeApiError(e, t));
            }
          }}
        >
          <Form.Item name="name" label={t('charity.volunteerName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="skills" label={t('charity.skills')}>
            <Input />
          </Form.Item>
          <Form.Item name="checkPassedOn" label={t('charity.checkPassedOn')}>
            <Input type="date" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('charity.record')}
          </Button>
        </Form>
      </Card>
      <List
        loading={volunteers.isLoading}
        dataSource={volunteers.data?.items ?? []}
        renderItem={(v) => (
          <List.Item data-volunteer={v.name}>
            <Space direction="vertical">
              <span>
                <strong>{v.name}</strong> {v.skills.join('、')} · {t('charity.hours', { count: v.hours })}
              </span>
              <span>
                <Tag color={v.check === 'valid' ? 'green' : v.check === 'expiring' ? 'orange' : 'red'}>
                  {v.check === 'expired' && <WarningFilled aria-hidden />} {say(checkStates[v.check], lang)}
                </Tag>
                {v.checkExpiresOn && t('charity.expiresOn', { date: v.checkExpiresOn })}
              </span>
              <Space wrap>
                <Input
                  type="date"
                  aria-label={t('charity.renewOn')}
                  value={renewOn[v.id] ?? today()}
                  onChange={(e) => setRenewOn({ ...renewOn, [v.id]: e.target.value })}
                />
                <Button
                  onClick={async () => {
                    try {
                      await renewCheck(v.id, v.version, renewOn[v.id] ?? today());
                      await refresh();
                      notice.success(t('charity.renewed'));
                    } catch (e) {
                      notice.error(describeApiError(e, t));
                    }
                  }}
                >
                  {t('charity.renew')}
                </Button>
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

function OrderCard({ order }: { order: GuidanceOrderView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const record = async (number: number, attended: boolean) => {
    try {
      await recordGuidanceSession(order.id, number, { heldOn: today(), attended });
      await queryClient.invalidateQueries({ queryKey: ['guidance-orders'] });
    } catch (e) {
      setError(describeApiError(e, t));
    }
  };
  const { compliance } = order;
  return (
    <Card size="small" title={`${order.childName} · ${order.guardian}`} data-order={order.id}>
      <p className="haven-muted">
        {order.issuedBy} · {order.issuedOn} {order.provider && `· ${order.provider}`}
      </p>
      <p>{t('charity.compliance', compliance)}</p>
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      <List
        size="small"
        dataSource={order.sessions}
        renderItem={(s) => (
          <List.Item>
            <Space wrap>
              <span>{t('charity.sessionLine', { number: s.number, dueOn: s.dueOn })}</span>
              <Tag color={s.state === 'attended' ? 'green' : s.state === 'due' ? 'blue' : 'red'}>
                {s.state === 'overdue' && <WarningFilled aria-hidden />}{' '}
                {say(guidanceSessionStates[s.state], i18n.language)}
              </Tag>
              {s.heldOn === null && (
                <>
                  <Button size="small" onClick={() => record(s.number, true)}>
                    {t('charity.attended')}
                  </Button>
                  <Button size="small" onClick={() => record(s.number, false)}>
                    {t('charity.absent')}
                  </Button>
                </>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Guidance() {
  const { t } = useTranslation();
  const orders = useGuidanceOrders(true);
  return (
    <List
      loading={orders.isLoading}
      dataSource={orders.data?.items ?? []}
      locale={{ emptyText: t('charity.noOrders') }}
      renderItem={(order) => (
        <List.Item>
          <OrderCard order={order} />
        </List.Item>
      )}
    />
  );
}

/** Charity and volunteers, and family support: needs matched and handed over, donations, volunteers, guidance orders. */
export default function CharityPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const charity = can('charity.manage');
  const items = [
    ...(charity || can('cases.act')
      ? [{ key: 'needs', label: t('charity.tabs.needs'), children: <Needs charity={charity} /> }]
      : []),
    ...(charity
      ? [
          { key: 'donations', label: t('charity.tabs.donations'), children: <Donations /> },
          { key: 'volunteers', label: t('charity.tabs.volunteers'), children: <Volunteers /> },
        ]
      : []),
    ...(can('cases.act') || can('projects.deliver')
      ? [{ key: 'guidance', label: t('charity.tabs.guidance'), children: <Guidance /> }]
      : []),
  ];
  return (
    <div className="haven-stack">
      <h1>{t('charity.title')}</h1>
      {items.length === 0 ? <Alert type="info" message={t('charity.nothing')} /> : <Tabs items={items} />}
    </div>
  );
}
