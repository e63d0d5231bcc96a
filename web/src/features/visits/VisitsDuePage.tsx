import { ClockCircleOutlined, FormOutlined, RightOutlined, TeamOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Button, Empty, Segmented, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { keepLanguagesForOffline } from '../../app/i18n';
import { DivisionName } from '../divisions/DivisionName';
import { RiskTag } from '../registry/labels';
import { ConflictCard } from './offline/ConflictCard';
import { FactsConflictCard } from './offline/FactsConflictCard';
import { OfflineBanner } from './offline/OfflineBanner';
import { discard } from './offline/outbox';
import { useOutbox } from './offline/useOutbox';
import { useVisitsDue, type VisitDue } from './visitsApi';
import './visits.css';

function DueCard({ item }: { item: VisitDue }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const due = new Date(item.dueAt).toLocaleDateString(i18n.language, { dateStyle: 'medium' });
  return (
    <li className={`haven-visit-card${item.overdue ? ' haven-visit-overdue' : ''}`}>
      <div className="haven-visit-card-main">
        <strong className="haven-visit-name">{item.childName}</strong>
        <span className="haven-visit-meta">
          <RiskTag grade={item.riskGrade} />
          {item.leftBehind && <span className="haven-visit-tag">{t('grassroots.visits.leftBehind')}</span>}
          <span>{t(`grassroots.visits.rule.${item.rule}`)}</span>
        </span>
        <span className="haven-visit-meta">
          <DivisionName code={item.divisionCode} />
        </span>
        <span className={item.overdue ? 'haven-case-late' : undefined}>
          {item.overdue ? <WarningFilled aria-hidden /> : <ClockCircleOutlined aria-hidden />}{' '}
          {item.overdue ? t('grassroots.visits.overdueSince', { due }) : t('grassroots.visits.dueOn', { due })}
          {item.basis === 'escalated' && ` · ${t('grassroots.visits.escalated', { level: item.escalationLevel })}`}
        </span>
        <span className="haven-secondary">
          {item.lastVisitedOn
            ? t('grassroots.visits.lastVisit', { on: item.lastVisitedOn })
            : t('grassroots.visits.neverVisited')}
        </span>
      </div>
      {item.basis === 'assigned' && (
        <span className="haven-visit-action">
          <Button
            type="primary"
            size="large"
            icon={<FormOutlined aria-hidden />}
            onClick={() =>
              navigate(`/visits/new/${item.childId}`, {
                state: {
                  childName: item.childName,
                  rule: item.rule,
                  seenVisitId: item.lastVisitId,
                  seenFacts: item.facts,
                },
              })
            }
          >
            {t('grassroots.visits.recordFor', { name: item.childName })}
          </Button>
        </span>
      )}
    </li>
  );
}

/** A director's due list, phone first: cards, overdue first, the record button in reach of a thumb. */
export default function VisitsDuePage() {
  const { t, i18n } = useTranslation();
  const [within, setWithin] = useState(14);
  const due = useVisitsDue(within);
  const outbox = useOutbox();
  // The form, the sign-out warning and the other language's strings are fetched now, while there is
  // a network, so they open in a village without one.
  useEffect(() => {
    void import('./VisitFormPage');
    void import('../../app/layout/UnsentVisitsDialog');
    keepLanguagesForOffline();
  }, []);
  const waitingChildren = new Set(outbox.map((i) => i.input.childId));
  const conflicts = outbox.filter((i) => i.state === 'conflict');
  const refused = outbox.filter((i) => i.state === 'refused');
  return (
    <div className="haven-visits">
      <OfflineBanner />
      <Link className="haven-entrusted-child" to="/visits/entrusted">
        <span>
          <TeamOutlined aria-hidden /> {t('grassroots.entrusted.linkFromVisits')}
        </span>
        <RightOutlined aria-hidden />
      </Link>
      {conflicts.length > 0 && (
        <ul className="haven-visit-list" aria-label={t('grassroots.offline.conflicts')}>
          {conflicts.map((item) =>
            item.factsChanged ? (
              <FactsConflictCard key={item.id} item={item} />
            ) : (
              <ConflictCard key={item.id} item={item} />
            ),
          )}
        </ul>
      )}
      {refused.map((item) => (
        <Alert
          key={item.id}
          type="error"
          showIcon
          message={t('grassroots.offline.refused', { name: item.childName })}
          description={item.refusal}
          action={
            <Button size="small" onClick={() => void discard(item)}>
              {t('grassroots.offline.dismiss')}
            </Button>
          }
        />
      ))}
      <Segmented
        block
        value={within}
        onChange={(value) => setWithin(Number(value))}
        options={[
          { value: 0, label: t('grassroots.visits.window.overdue') },
          { value: 7, label: t('grassroots.visits.window.week') },
          { value: 14, label: t('grassroots.visits.window.twoWeeks') },
          { value: 31, label: t('grassroots.visits.window.month') },
        ]}
        aria-label={t('grassroots.visits.windowLabel')}
      />
      {due.isPending && <Spin />}
      {due.isError && <Alert type="error" showIcon message={describeApiError(due.error, t)} />}
      {due.data && (
        <>
          {'savedAt' in due.data && due.data.savedAt && (
            <Alert
              type="warning"
              showIcon
              message={t('grassroots.offline.savedList', {
                at: new Date(due.data.savedAt).toLocaleString(i18n.language, {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }),
              })}
            />
          )}
          <p role="status" className="haven-visit-summary">
            {t('grassroots.visits.summary', {
              count: due.data.items.length,
              overdue: due.data.items.filter((i) => i.overdue).length,
            })}
          </p>
          {due.data.items.length === 0 ? (
            <Empty description={t('grassroots.visits.none')} />
          ) : (
            <ul className="haven-visit-list" aria-label={t('grassroots.visits.title')}>
              {due.data.items
                .filter((item) => !waitingChildren.has(item.childId))
                .map((item) => (
                  <DueCard key={item.clockId} item={item} />
                ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
