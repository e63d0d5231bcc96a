import { WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { codeText, formatMinute } from '../cases/labels';
import { ownSections, viewWorkItems } from './sections';
import { urgencyOf, urgencyOrder } from './urgency';

/**
 * Every inbox section the page has no component of its own for (referrals, visits, recommendations,
 * action items… and whatever a newer feature contributes), each as its owner words it, overdue first.
 * A section with nothing in it is left out, so a role sees only the work it has.
 */
export function WorkSections({ work }: { work: Record<string, readonly unknown[]> }) {
  const { t, i18n } = useTranslation();
  const sections = Object.entries(work)
    .filter(([key, items]) => !ownSections.includes(key) && Array.isArray(items) && items.length > 0)
    .map(([key, items]) => {
      const views = viewWorkItems(key, items, t, i18n.language);
      const rank = (view: (typeof views)[number]) => urgencyOrder.indexOf(urgencyOf(view.dueAt, view.overdue));
      views.sort((a, b) => rank(a) - rank(b) || (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
      return { key, views };
    });
  return (
    <>
      {sections.map(({ key, views }) => {
        const overdue = views.filter((view) => view.overdue).length;
        return (
          <section key={key} className="haven-work-group" aria-labelledby={`haven-work-${key}`}>
            <h2 id={`haven-work-${key}`}>
              {codeText(t, `myWork.section.${key}`, t('workbench.otherSection'))}{' '}
              <span className="haven-secondary">({views.length})</span>
              {overdue > 0 && (
                <span className="haven-case-late">
                  {' '}
                  <WarningFilled aria-hidden /> {t('myWork.group.overdue')} {overdue}
                </span>
              )}
            </h2>
            <ul className="haven-work-list">
              {views.map((view) => {
                const urgency = urgencyOf(view.dueAt, view.overdue);
                return (
                  <li key={view.key} className={`haven-work-${urgency}`}>
                    <div className="haven-work-item-main">
                      <strong>{view.to ? <Link to={view.to}>{view.title}</Link> : view.title}</strong>
                      {view.detail && <p>{view.detail}</p>}
                      {(view.dueAt || view.overdue) && (
                        <p className={urgency === 'overdue' ? 'haven-case-late' : undefined}>
                          {urgency === 'overdue' && <WarningFilled aria-hidden />}{' '}
                          {view.dueAt
                            ? t(urgency === 'overdue' ? 'myWork.overdueSince' : 'myWork.dueAt', {
                                // A date-only deadline (a plan goal's day) reads as that day, not as its midnight.
                                at: view.dueAt.length === 10 ? view.dueAt : formatMinute(view.dueAt, t),
                              })
                            : t('myWork.group.overdue')}
                        </p>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}
