import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { yuan } from '../projects/projectsApi';
import {
  actOnNeed,
  checkStates,
  type NeedView,
  needKinds,
  needStatusLabels,
  say,
  useDonations,
  useNeeds,
  useVolunteers,
} from './charityApi';

import { Opened, RaiseNeedForm } from './CharityForms';
import { today } from './today';

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
      style={{ width: '100%' }}
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
          // Money in the app's language (the server's `items` is worded in the request's).
          description={`${need.receipt.handedOn} · ${need.receipt.receivedBy} · ${
            need.receipt.amountFen !== null ? yuan(need.receipt.amountFen, lang) : need.receipt.items
          } · ${need.receipt.charity}`}
        />
      )}
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      {charity && need.allowedActions.includes('match') && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <label className="haven-visually-hidden" htmlFor={`donation-${need.id}`}>
            {t('charity.chooseDonation')}
          </label>
          <Select
            id={`donation-${need.id}`}
            placeholder={t('charity.chooseDonation')}
            allowClear
            value={donationId}
            onChange={setDonationId}
            options={free.map((d) => ({
              value: d.id,
              label: `${d.receivedOn} · ${d.amountFen !== null ? yuan(d.amountFen, lang) : d.goods}`,
            }))}
          />
          <label className="haven-visually-hidden" htmlFor={`volunteer-${need.id}`}>
            {t('charity.chooseVolunteer')}
          </label>
          <Select
            id={`volunteer-${need.id}`}
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

export function Needs({ charity, raise }: { charity: boolean; raise: boolean }) {
  const { t } = useTranslation();
  const needs = useNeeds();
  if (needs.error) return <Alert type="error" message={describeApiError(needs.error, t)} />;
  return (
    <div className="haven-stack">
      {raise && <Opened label={t('charity.forms.open')}>{() => <RaiseNeedForm />}</Opened>}
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
    </div>
  );
}
