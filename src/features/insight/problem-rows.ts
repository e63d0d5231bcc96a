import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { recordAudit } from '../../platform/audit/append.js';
import { childInScope } from '../../core/scope/child-scope.js';
import '../../core/clocks/tables.js';
import { levelOf, subtreePrefix } from '../../core/places.js';
import type { ProblemRowsQuery, ProblemRowsResult, RowIndicator } from '../../contract/insight/problems.js';
import { placeInReach, readsChildren } from './problems-service.js';
import { divisionNames } from './problems-store.js';

const shown = 200;
const day = 86_400_000;

const rulesOf: Record<RowIndicator, (rule: string) => boolean> = {
  'visits.overdue': (rule) => rule.startsWith('visit.'),
  'referrals.overdue': (rule) => rule.startsWith('referral.'),
  'placements.station_overstay': (rule) => rule === 'placement.rescue_station_stay',
  'clocks.overdue': (rule) => !rule.startsWith('test.'),
  'funding.benefits_overdue': (rule) => rule.startsWith('benefit.'),
};
const rulePatterns: Record<RowIndicator, string> = {
  'visits.overdue': 'visit.%',
  'referrals.overdue': 'referral.%',
  'placements.station_overstay': 'placement.rescue_station_stay',
  'clocks.overdue': '%',
  'funding.benefits_overdue': 'benefit.%',
};

/**
 * The children behind an overdue number, now: the running clocks past due inside `within`, oldest
 * first, each child only through the reader's scope (a child they may not see is not listed, not
 * even counted). The route requires `children.read`; the read is audited with the count shown.
 */
export async function problemRows(
  db: Kysely<Database>,
  actor: Actor,
  query: ProblemRowsQuery,
  now = new Date(),
): Promise<ProblemRowsResult> {
  const { within, indicator } = query;
  // The route declares it too; the use case refuses on its own so no other caller can list names for an analyst.
  if (!readsChildren(actor)) throw new DomainError('forbidden', 403, { permission: 'children.read' });
  const level = levelOf(within);
  if (!level || !placeInReach(actor, within))
    throw notFound(translate(actor.locale, 'insight.entity.division'), within);
  const rows = await db
    .selectFrom('clocks')
    .innerJoin('children', 'children.id', 'clocks.child_id')
    .select([
      'children.id as childId',
      'children.name as childName',
      'clocks.division_code as divisionCode',
      'clocks.rule as rule',
      'clocks.due_at as dueAt',
    ])
    .where('clocks.division_code', 'like', `${subtreePrefix(within)}%`)
    .where('clocks.rule', 'like', rulePatterns[indicator])
    .where('clocks.stopped_at', 'is', null)
    .where('clocks.state', '=', 'running')
    .where('clocks.due_at', '<=', now)
    .where(childInScope(actor))
    .orderBy('clocks.due_at')
    .limit(shown + 1)
    .execute();
  const kept = rows.filter((row) => rulesOf[indicator](row.rule)).slice(0, shown);
  const names = await divisionNames(db, [within, ...new Set(kept.map((row) => row.divisionCode))]);
  await recordAudit(db, actor, {
    action: 'insight.rows_read',
    entityType: 'division',
    entityId: within,
    details: { indicator, rows: kept.length },
  });
  return {
    within: { code: within, name: names.get(within) ?? null, level },
    indicator,
    rows: kept.map((row) => ({
      childId: row.childId,
      childName: row.childName,
      divisionCode: row.divisionCode,
      divisionName: names.get(row.divisionCode) ?? null,
      rule: row.rule,
      dueAt: row.dueAt.toISOString(),
      daysOverdue: Math.floor((now.getTime() - row.dueAt.getTime()) / day),
    })),
    truncated: rows.length > shown,
  };
}
