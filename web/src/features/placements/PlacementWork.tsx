import { WarningFilled } from '@ant-design/icons';
import type { StayWaiting, TracingWaiting } from '@contract/placements/tracing.js';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';

/**
 * My work (issue 16): longer stays waiting for my approval and stays past their limit at my station,
 * overdue first; tracing requests open too long. Each line says its state in words, not colour only.
 */
export function PlacementWork({ stays, tracing }: { stays: StayWaiting[]; tracing: TracingWaiting[] }) {
  const { t } = useTranslation();
  if (stays.length === 0 && tracing.length === 0) return null;
  const sorted = [...stays].sort((a, b) => Number(b.overdue) - Number(a.overdue));
  return (
    <section className="haven-work-group" aria-labelledby="haven-work-placements">
      <h2 id="haven-work-placements">
        {t('placements.work.title')} <span className="haven-secondary">({stays.length + tracing.length})</span>
      </h2>
      <ul className="haven-work-list">
        {sorted.map((item) => (
          <li key={`${item.kind}:${item.placementId}`} className={item.overdue ? 'haven-case-late' : undefined}>
            {item.overdue && <WarningFilled aria-hidden />} {t(`placements.work.${item.kind}`)} · {item.childName} ·{' '}
            {item.organisation}
            {item.dueAt && ` · ${t('placements.work.due', { at: formatDateTime(item.dueAt, t) })}`}
          </li>
        ))}
        {tracing.map((item) => (
          <li key={item.id} className="haven-case-late">
            <WarningFilled aria-hidden /> {t('placements.work.tracingLong', { days: item.daysOpen })} ·{' '}
            <Link to={`/placements/tracing/${item.id}`}>{item.childName}</Link> ({item.provisionalCode})
          </li>
        ))}
      </ul>
    </section>
  );
}
