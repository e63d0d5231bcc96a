import { DayField } from '../../app/forms/DayField';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDate } from '../../app/format';
import { useAuth } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { sessionKindLabel } from '../projects/projectsApi';
import { Opened } from './CharityForms';
import {
  type GuardianTrainingView,
  needKinds,
  needStatusLabels,
  recordTrainingOutcome,
  referGuardian,
  say,
  trainingStatuses,
  useFamilySupport,
} from './charityApi';
import { today } from './today';

function ReferForm({ childId, onDone }: { childId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [key] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: { guardian: string; course: string; provider: string; referredOn: string }) => {
    try {
      await referGuardian(childId, values, key);
      await queryClient.invalidateQueries({ queryKey: ['family-support', childId] });
      onDone();
    } catch (failed) {
      setError(failed);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ referredOn: today() }}>
      {error !== null && <Alert type="error" role="alert" showIcon message={describeApiError(error, t)} />}
      <Form.Item name="guardian" label={t('charity.family.guardian')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="course" label={t('charity.family.course')} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="provider" label={t('charity.family.trainer')} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="referredOn" label={t('charity.family.referredOn')} rules={[{ required: true }]}>
        <DayField />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('charity.family.refer')}
      </Button>
    </Form>
  );
}

function Training({ training, canAct }: { training: GuardianTrainingView; canAct: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const move = async (status: 'enrolled' | 'completed' | 'dropped') => {
    try {
      await recordTrainingOutcome(training.id, { expectedVersion: training.version, status, on: today() });
      await queryClient.invalidateQueries({ queryKey: ['family-support', training.childId] });
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <List.Item>
      <Space wrap>
        <span>
          {training.guardian} · {training.course} · {training.provider} · {formatDate(training.referredOn, t)}
        </span>
        <Tag color={training.status === 'completed' ? 'success' : training.status === 'dropped' ? 'red' : 'blue'}>
          {say(trainingStatuses[training.status], i18n.language)}
        </Tag>
        {canAct &&
          training.allowedNext.map((next) =>
            next === 'referred' ? null : (
              <Button key={next} onClick={() => move(next)}>
                {t(`charity.family.mark.${next}`)}
              </Button>
            ),
          )}
      </Space>
    </List.Item>
  );
}

/** The family's support plan on the child's file: what was raised or ordered for the family, and what it received. */
export function FamilySupportCard({ childId }: { childId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const support = useFamilySupport(childId);
  if (support.isPending) return null;
  if (support.error) return <Alert type="error" showIcon message={describeApiError(support.error, t)} />;
  const { needs, guidanceOrders, sessions, trainings } = support.data;
  return (
    <Card size="small" title={t('charity.family.title')} className="haven-family-support">
      <div className="haven-stack">
        <section aria-label={t('charity.family.needs')}>
          <h4>{t('charity.family.needs')}</h4>
          {needs.length === 0 ? (
            <p className="haven-muted">{t('charity.family.none')}</p>
          ) : (
            <ul>
              {needs.map((need) => (
                <li key={need.id}>
                  {say(needKinds[need.kind], lang)} · {need.description} · {say(needStatusLabels[need.status], lang)}
                  {need.receiptNumber && ` · ${t('charity.receipt', { number: need.receiptNumber })}`}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label={t('charity.family.orders')}>
          <h4>{t('charity.family.orders')}</h4>
          {guidanceOrders.length === 0 ? (
            <p className="haven-muted">{t('charity.family.none')}</p>
          ) : (
            <ul>
              {guidanceOrders.map((order) => (
                <li key={order.id}>
                  {order.issuedBy} · {formatDate(order.issuedOn, t)} · {order.guardian} ·{' '}
                  {t('charity.compliance', order.compliance)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label={t('charity.family.sessions')}>
          <h4>{t('charity.family.sessions')}</h4>
          {sessions.length === 0 ? (
            <p className="haven-muted">{t('charity.family.none')}</p>
          ) : (
            <ul>
              {sessions.slice(0, 10).map((s) => (
                <li key={s.id}>
                  {formatDate(s.heldOn, t)} · {sessionKindLabel(s.kind, lang)} ·{' '}
                  {t('charity.family.minutes', { count: s.minutes })} · {s.organisation}
                  {s.attendedBy.length > 0 &&
                    ` · ${t('charity.family.attendedBy', {
                      names: s.attendedBy
                        .map((person) =>
                          person.relation
                            ? `${person.name} (${t(`registry.relation.${person.relation}`)})`
                            : person.name,
                        )
                        .join(lang.startsWith('zh') ? '、' : ', '),
                    })}`}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label={t('charity.family.trainings')}>
          <h4>{t('charity.family.trainings')}</h4>
          {trainings.length > 0 && (
            <List
              size="small"
              dataSource={trainings}
              renderItem={(training) => <Training training={training} canAct={can('cases.act')} />}
            />
          )}
          {trainings.length === 0 && <p className="haven-muted">{t('charity.family.none')}</p>}
          {can('cases.act') && (
            <Opened label={t('charity.family.openRefer')}>
              {(close) => <ReferForm childId={childId} onDone={close} />}
            </Opened>
          )}
        </section>
      </div>
    </Card>
  );
}
