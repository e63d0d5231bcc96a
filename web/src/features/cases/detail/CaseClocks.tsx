import { useTranslation } from 'react-i18next';
import type { CaseClock } from '../api/casesApi';
import { ClockStateText, ruleText, formatMinute } from '../labels';

/** The case's legal clocks: running ones first (overdue on top), then those stopped. */
export function CaseClocks({ clocks }: { clocks: CaseClock[] }) {
  const { t } = useTranslation();
  const rank = (clock: CaseClock) =>
    clock.state === 'running' ? (clock.overdue ? 0 : 1) : clock.state === 'missed' ? 2 : 3;
  const sorted = [...clocks].sort((a, b) => rank(a) - rank(b) || (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
  return (
    <section className="haven-case-section" aria-labelledby="haven-case-clocks">
      <h2 id="haven-case-clocks">{t('cases.detail.clocks')}</h2>
      {sorted.length === 0 ? (
        <p className="haven-secondary">{t('cases.detail.noClocks')}</p>
      ) : (
        <ul className="haven-case-clocks">
          {sorted.map((clock) => (
            <li key={clock.id}>
              <div>
                <strong>{ruleText(t, clock.rule)}</strong> ·{' '}
                <ClockStateText state={clock.state} overdue={clock.overdue} />
              </div>
              <div className="haven-secondary">
                {t('cases.detail.clockOwner', { owner: clock.ownerOrganisationName })} ·{' '}
                {t('cases.detail.clockDue', { at: formatMinute(clock.dueAt, t) })}
                {clock.provisional && ` · ${t('cases.detail.provisional')}`}
                {clock.escalationLevel > 0 && ` · ${t('cases.detail.escalated', { level: clock.escalationLevel })}`}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
