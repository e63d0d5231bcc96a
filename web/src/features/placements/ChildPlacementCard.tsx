import { ClockCircleOutlined, HomeOutlined, WarningOutlined } from '@ant-design/icons';
import type { PlacementView } from '@contract/placements/views.js';
import { Alert, Button, Collapse, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDate } from '../../app/format';
import { useNotice } from '../../app/notice/useNotice';
import { ActionModal, type ModalAction } from './ActionModal';
import { useChildPlacement } from './placementsApi';
import './placements.css';

function Deadline({ placement }: { placement: PlacementView }) {
  const { t } = useTranslation();
  const clock = placement.clocks.find((c) => c.state === 'running');
  if (!clock) return null;
  const stay = clock.rule === 'placement.rescue_station_stay';
  const date = formatDate(clock.dueAt, t);
  return clock.overdue ? (
    <p className="haven-placement-overdue" role="status">
      <WarningOutlined aria-hidden />{' '}
      {t(stay ? 'placements.card.stayOverdue' : 'placements.card.followUpOverdue', { date })}
    </p>
  ) : (
    <p className="haven-secondary">
      <ClockCircleOutlined aria-hidden />{' '}
      {t(stay ? 'placements.card.stayDue' : 'placements.card.followUpDue', { date })}
    </p>
  );
}

/** The top of the child's file: where the child sleeps tonight, under whose care, and what may be done now. */
export function ChildPlacementCard({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const placement = useChildPlacement(childId);
  const [action, setAction] = useState<ModalAction>();
  const notice = useNotice();
  // After a hand-over elsewhere the asker's organisation no longer sees the child (the file answers
  // 404): say so instead of showing the refused reload as an error.
  const [movedAway, setMovedAway] = useState(false);

  if (movedAway)
    return (
      <section className="haven-placement-card" aria-label={t('placements.card.title')}>
        <Alert type="success" showIcon role="status" message={t('placements.card.movedAway')} />
      </section>
    );
  if (placement.isPending) return null;
  if (placement.isError)
    return (
      <Alert
        type="error"
        showIcon
        message={t('placements.loadFailed')}
        description={describeApiError(placement.error, t)}
      />
    );
  const { current, history, canPlace } = placement.data;
  const where = current
    ? (current.organisation?.name ?? current.carer?.name ?? t(`placements.kind.${current.kind}`))
    : undefined;
  const guardian = current
    ? [
        t(`placements.guardianship.${current.guardian.type}`),
        current.guardian.name ?? current.guardian.organisation?.name,
      ]
        .filter(Boolean)
        .join(' · ')
    : undefined;
  const actions: ModalAction[] = current
    ? current.allowedActions.flatMap((a): ModalAction[] => (a === 'transfer' ? ['transfer', 'return_home'] : [a]))
    : canPlace
      ? ['place']
      : [];
  return (
    <section className="haven-placement-card" aria-label={t('placements.card.title')}>
      <h3 className="haven-placement-title">
        <HomeOutlined aria-hidden /> {t('placements.card.title')}
      </h3>
      {current ? (
        <div className="haven-placement-now">
          <p className="haven-placement-where">
            <Tag color="blue">{t(`placements.kind.${current.kind}`)}</Tag>
            <strong>{where}</strong>
            {current.status === 'extension_requested' && (
              <Tag color="warning">{t('placements.status.extension_requested')}</Tag>
            )}
          </p>
          <p className="haven-secondary">
            {t('placements.card.since', { date: formatDate(current.startedAt, t), days: current.days })}
          </p>
          <dl className="haven-placement-facts">
            <dt>{t('placements.card.guardian')}</dt>
            <dd>{guardian}</dd>
            <dt>{t('placements.card.carer')}</dt>
            <dd>
              {/* In an institution the institution cares for the child (a named carer there is added). */}
              {[current.organisation?.name, current.carer?.name].filter(Boolean).join(' · ') || '—'}
            </dd>
            <dt>{t('placements.card.legalBasis')}</dt>
            <dd>{t(`placements.legalBasis.${current.legalBasis}`)}</dd>
          </dl>
          <Deadline placement={current} />
          {current.overCapacity && (
            <p className="haven-secondary">{t('placements.card.overCapacity', current.overCapacity)}</p>
          )}
          <p className="haven-secondary">
            {t('placements.card.handover', { from: current.handover.from, to: current.handover.to })}
            {current.handover.documents.length > 0 &&
              ` · ${t('placements.card.documents', {
                items: current.handover.documents.map((d) => t(`placements.document.${d}`)).join('、'),
              })}`}
          </p>
        </div>
      ) : (
        <p className="haven-secondary">{t('placements.card.noneHint')}</p>
      )}
      {actions.length > 0 && (
        <div className="haven-placement-actions haven-no-print">
          {actions.map((a) => (
            <Button
              key={a}
              type={a === 'place' || a === 'approve_extension' ? 'primary' : 'default'}
              onClick={() => setAction(a)}
            >
              {a === 'place'
                ? t('placements.card.placeNow')
                : a === 'return_home'
                  ? t('placements.card.returnHome')
                  : t(`placements.action.${a}`)}
            </Button>
          ))}
        </div>
      )}
      {history.length > 0 && (
        <Collapse
          ghost
          size="small"
          items={[
            {
              key: 'history',
              label: t('placements.card.history', { count: history.length }),
              children: (
                <ul className="haven-placement-history">
                  {history.map((h) => (
                    <li key={h.id}>
                      <Tag>{t(`placements.kind.${h.kind}`)}</Tag>
                      {h.organisation?.name}{' '}
                      <span className="haven-secondary">
                        {t('placements.card.ended', {
                          from: formatDate(h.startedAt, t),
                          to: formatDate(h.endedAt, t),
                          days: h.days,
                        })}
                        {h.endReason && ` · ${t(`placements.endReason.${h.endReason}`)}`}
                      </span>
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
      {action && (
        <ActionModal
          action={action}
          childId={childId}
          current={current}
          onClose={(outcome) => {
            setAction(undefined);
            if (outcome?.handedOver) setMovedAway(true);
            else if (outcome) void notice.success(t('placements.card.done'));
          }}
        />
      )}
    </section>
  );
}
