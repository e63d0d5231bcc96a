import { WarningFilled } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, InputNumber, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDate } from '../../app/format';
import { NewActivityForm } from './ActivityForm';
import { type ActivityView, checkStates, matchVolunteer, recordActivityHours, say, useActivities } from './charityApi';
import { Opened } from './CharityForms';

function Candidates({ activity, act }: { activity: ActivityView; act: (fn: () => Promise<unknown>) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (activity.matched.length >= activity.places) return <p className="haven-muted">{t('charity.activities.full')}</p>;
  if (activity.candidates.length === 0) return <p className="haven-muted">{t('charity.activities.noCandidates')}</p>;
  return (
    <List
      size="small"
      header={<strong>{t('charity.activities.candidates')}</strong>}
      dataSource={activity.candidates}
      renderItem={(c) => {
        const unsafe = c.check === 'expired' || c.check === 'missing';
        return (
          <List.Item data-candidate={c.name}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <span>
                <strong>{c.name}</strong>{' '}
                {c.skillsMatched.length > 0
                  ? t('charity.activities.skillsMatched', { skills: c.skillsMatched.join('、') })
                  : t('charity.activities.noSkillsMatched')}
                {c.availability && ` · ${t('charity.activities.availability', { when: c.availability })}`}
              </span>
              <span>
                <Tag color={unsafe ? 'red' : c.check === 'expiring' ? 'warning' : 'success'}>
                  {unsafe && <WarningFilled aria-hidden />} {say(checkStates[c.check], lang)}
                </Tag>
                {c.checkExpiresOn && t('charity.expiresOn', { date: formatDate(c.checkExpiresOn, t) })}
              </span>
              <Button
                onClick={() =>
                  act(() => matchVolunteer(activity.id, activity.version, c.volunteerId, crypto.randomUUID()))
                }
              >
                {t('charity.activities.match', { name: c.name })}
              </Button>
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

function HoursForm({ activity, act }: { activity: ActivityView; act: (fn: () => Promise<unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState<Record<string, number | null>>({});
  const [key] = useState(() => crypto.randomUUID());
  const open = activity.matched.filter((m) => m.hours === null);
  if (!activity.held || open.length === 0) return null;
  const entries = open.flatMap((m) => {
    const value = hours[m.volunteerId];
    return value ? [{ volunteerId: m.volunteerId, hours: value }] : [];
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <strong>{t('charity.activities.recordHours')}</strong>
      {open.map((m) => (
        <label key={m.volunteerId} className="haven-charity-hours">
          <span>{m.name}</span>
          <InputNumber
            min={1}
            max={24}
            precision={0}
            inputMode="numeric"
            addonAfter={t('charity.activities.hoursUnit')}
            value={hours[m.volunteerId] ?? null}
            onChange={(value) => setHours({ ...hours, [m.volunteerId]: value })}
          />
        </label>
      ))}
      <Button
        type="primary"
        disabled={entries.length === 0}
        onClick={() => act(() => recordActivityHours(activity.id, activity.version, entries, key))}
      >
        {t('charity.activities.saveHours')}
      </Button>
    </Space>
  );
}

function ActivityCard({ activity }: { activity: ActivityView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const act = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(describeApiError(e, t));
    }
    await queryClient.invalidateQueries({ queryKey: ['volunteer-activities'] });
    await queryClient.invalidateQueries({ queryKey: ['volunteers'] });
  };
  const ages =
    activity.ageFrom !== null || activity.ageTo !== null
      ? t('charity.activities.ages', { from: activity.ageFrom ?? 0, to: activity.ageTo ?? 18 })
      : null;
  return (
    <Card size="small" style={{ width: '100%' }} data-activity={activity.title} title={activity.title}>
      <p>
        {formatDate(activity.heldOn, t)} · {activity.divisionName}
        {activity.place && ` · ${activity.place}`}
      </p>
      <Space wrap>
        {activity.skills.map((s) => (
          <Tag key={s}>{s}</Tag>
        ))}
        {ages && <span>{ages}</span>}
        <span>{t('charity.activities.placesTaken', { count: activity.places, taken: activity.matched.length })}</span>
      </Space>
      {activity.project && (
        <p>
          {t('charity.activities.ofProject')}{' '}
          <a className="haven-charity-project" href={`/projects/${activity.project.id}`}>
            {activity.project.title}
          </a>
        </p>
      )}
      {activity.matched.length > 0 && (
        <ul className="haven-charity-matched" aria-label={t('charity.activities.matched')}>
          {activity.matched.map((m) => (
            <li key={m.volunteerId}>
              {m.name}
              {m.hours !== null && ` · ${t('charity.activities.served', { count: m.hours })}`}
            </li>
          ))}
        </ul>
      )}
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      {!activity.held && <Candidates activity={activity} act={act} />}
      <HoursForm activity={activity} act={act} />
    </Card>
  );
}

/** A charity's group events: planned, volunteers matched by skills and a valid check, hours after the day. */
export function Activities() {
  const { t } = useTranslation();
  const activities = useActivities(true);
  return (
    <div className="haven-stack">
      <Opened label={t('charity.activities.new')}>{(close) => <NewActivityForm onDone={close} />}</Opened>
      <List
        loading={activities.isLoading}
        locale={{ emptyText: <Empty description={t('charity.activities.none')} /> }}
        dataSource={activities.data?.items ?? []}
        renderItem={(a) => (
          <List.Item>
            <ActivityCard activity={a} />
          </List.Item>
        )}
      />
    </div>
  );
}
