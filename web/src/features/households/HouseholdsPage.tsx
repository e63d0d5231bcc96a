import type { HouseholdProposal, HouseholdView } from '@contract/households/households.js';
import { situationKinds } from '@contract/registry/vocabulary.js';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { HouseholdVisit } from './HouseholdVisit';
import {
  declineProposal,
  enterSharedSituation,
  linkHousehold,
  useHouseholdProposals,
  useHouseholds,
} from './householdsApi';

type Person = HouseholdView['persons'][number];

function ProposalCard({ proposal, onDone }: { proposal: HouseholdProposal; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const key = useMemo(() => `household-${crypto.randomUUID()}`, []);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      await onDone();
    } catch (caught) {
      setError(describeApiError(caught, t));
    }
  };
  const names = proposal.children.map((c) => c.name).join('、');
  return (
    <List.Item>
      <Card size="small" style={{ width: '100%' }} title={t('households.proposal.title', { names })}>
        {error && <Alert type="error" showIcon message={error} role="alert" />}
        <Typography.Paragraph>
          {t('households.proposal.evidence', {
            guardian: proposal.guardianName,
            idNumber: proposal.guardianIdNumber ?? '—',
            place: proposal.residenceName ?? proposal.residenceCode,
          })}
          {proposal.sameAddress ? ` ${t('households.proposal.sameAddress')}` : ''}
        </Typography.Paragraph>
        {declining ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input
              aria-label={t('households.proposal.declineReason')}
              placeholder={t('households.proposal.declineReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button
              disabled={!reason.trim()}
              onClick={() => act(() => declineProposal(proposal.childIds, reason.trim()))}
            >
              {t('households.proposal.confirmDecline')}
            </Button>
          </Space.Compact>
        ) : (
          <Space wrap>
            <Button
              type="primary"
              onClick={() => act(() => linkHousehold({ childIds: proposal.childIds, basis: 'proposal' }, key))}
            >
              {t('households.proposal.link')}
            </Button>
            <Button onClick={() => setDeclining(true)}>{t('households.proposal.decline')}</Button>
          </Space>
        )}
      </Card>
    </List.Item>
  );
}

interface SituationForm {
  kind: (typeof situationKinds)[number];
  period?: [Dayjs | null, Dayjs | null];
  place?: string;
  reason: string;
}

function SharedSituation({
  household,
  person,
  onClose,
}: {
  household: HouseholdView;
  person: Person;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: SituationForm) => {
    setError(null);
    try {
      await enterSharedSituation(household.id, {
        members: person.copies.map((c) => ({ memberId: c.memberId, version: c.version })),
        situation: {
          kind: values.kind,
          since: values.period?.[0]?.format('YYYY-MM-DD') ?? null,
          until: values.period?.[1]?.format('YYYY-MM-DD') ?? null,
          place: values.place || null,
        },
        reason: values.reason,
      });
      await queryClient.invalidateQueries({ queryKey: ['households'] });
      onClose();
    } catch (caught) {
      setError(describeApiError(caught, t));
    }
  };
  return (
    <Form<SituationForm> layout="vertical" onFinish={submit}>
      <Typography.Paragraph>
        {t('households.shared.explain', { name: person.name, count: person.copies.length })}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Form.Item name="kind" label={t('households.shared.kind')} rules={[{ required: true }]}>
        <Select options={situationKinds.map((k) => ({ value: k, label: t(`registry.situation.${k}`) }))} />
      </Form.Item>
      <Form.Item name="period" label={t('households.shared.period')}>
        <DatePicker.RangePicker inputReadOnly allowEmpty={[true, true]} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="place" label={t('households.shared.place')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="reason" label={t('households.shared.reason')} rules={[{ required: true }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block>
        {t('households.shared.save')}
      </Button>
    </Form>
  );
}

function HouseholdCard({ household }: { household: HouseholdView }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [person, setPerson] = useState<Person | null>(null);
  return (
    <List.Item>
      <Card
        size="small"
        style={{ width: '100%' }}
        title={household.children.map((c) => c.name).join('、')}
        extra={<Tag>{t(`households.basis.${household.basis}`)}</Tag>}
      >
        <Typography.Paragraph type="secondary">
          {household.residenceName ?? household.residenceCode}
          {household.childrenOutsideScope > 0 &&
            ` · ${t('households.outside', { count: household.childrenOutsideScope })}`}
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 8 }}>
          {household.children.map((c) => (
            <Link key={c.childId} to={`/registry/${c.childId}`} className="haven-touch-link">
              {c.name}
            </Link>
          ))}
          {can('visits.record') && <HouseholdVisit household={household} />}
        </Space>
        <List
          size="small"
          aria-label={t('households.persons')}
          dataSource={household.persons}
          locale={{ emptyText: t('households.noPersons') }}
          renderItem={(p) => (
            <List.Item
              actions={[
                <Button key="add" size="small" onClick={() => setPerson(p)}>
                  {t('households.shared.add')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    {p.name}
                    {t(`registry.relation.${p.copies[0]!.relation}`)}
                    {p.differs && <Tag color="warning">{t('households.differs')}</Tag>}
                  </Space>
                }
                description={
                  p.copies[0]!.situations.map(
                    (s) =>
                      `${t(`registry.situation.${s.kind}`)}${s.since ? ` ${s.since}` : ''}${s.until ? `–${s.until}` : ''}`,
                  ).join('；') || t('households.noSituation')
                }
              />
            </List.Item>
          )}
        />
        <Drawer
          open={person !== null}
          onClose={() => setPerson(null)}
          title={t('households.shared.title')}
          width="min(480px, 100vw)"
          destroyOnHidden
        >
          {person && <SharedSituation household={household} person={person} onClose={() => setPerson(null)} />}
        </Drawer>
      </Card>
    </List.Item>
  );
}

export default function HouseholdsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const households = useHouseholds();
  const proposals = useHouseholdProposals(true);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['households'] });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('households.intro')}</Typography.Paragraph>
      <section aria-labelledby="household-proposals">
        <Typography.Title level={2} id="household-proposals">
          {t('households.proposal.heading')}
        </Typography.Title>
        <List
          loading={proposals.isPending}
          aria-label={t('households.proposal.heading')}
          dataSource={proposals.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('households.proposal.none')} /> }}
          renderItem={(p) => <ProposalCard key={p.childIds.join()} proposal={p} onDone={refresh} />}
        />
      </section>
      <section aria-labelledby="household-list">
        <Typography.Title level={2} id="household-list">
          {t('households.heading')}
        </Typography.Title>
        <List
          loading={households.isPending}
          aria-label={t('households.heading')}
          dataSource={households.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('households.none')} /> }}
          renderItem={(h) => <HouseholdCard key={h.id} household={h} />}
        />
      </section>
    </Space>
  );
}
