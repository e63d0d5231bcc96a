import { sql, type Transaction } from 'kysely';
import type { AssessmentClockRule } from '../../contract/assessments/assessments.js';
import { type ClockToStart, startClocks, stopClocks } from '../../core/clocks/index.js';
import { nearestPlaceBodiesOf } from '../../core/place-bodies.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { Database } from '../../platform/db/schema.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { responsibleDirectorsIn } from '../grassroots/service.js';
import { assessmentClockRules } from '../../contract/assessments/assessments.js';
import '../../core/clocks/tables.js';

type Trx = Transaction<Database>;

interface AssessmentOwner {
  residenceCode: string;
  orgId: string | null;
  userId: string | null;
}

/**
 * Who must assess, for many children at once: the child's responsible director, else the nearest
 * village committee, township government or county civil affairs bureau of its residence.
 */
async function ownersOf(trx: Trx, childIds: readonly string[]): Promise<Map<string, AssessmentOwner>> {
  if (childIds.length === 0) return new Map();
  const directors = await responsibleDirectorsIn(trx, childIds);
  const rows = await trx
    .selectFrom('children as c')
    .where(systemScope('children the caller read through childInScope or a sweep named'))
    .select(['c.id', 'c.residence_code'])
    .where('c.id', '=', sql<string>`ANY(${[...childIds]}::uuid[])`)
    .execute();
  // Once per residence, set-based: the sweep's children share villages.
  const places = await nearestPlaceBodiesOf(
    trx,
    rows.map((row) => row.residence_code),
  );
  return new Map(
    rows.map((row) => {
      const director = directors.get(row.id);
      return [
        row.id,
        {
          residenceCode: row.residence_code,
          orgId: director?.organisationId ?? places.get(row.residence_code) ?? null,
          userId: director?.userId ?? null,
        },
      ];
    }),
  );
}

/** One periodic or risk-clue clock to start for a child. */
export interface AssessmentClockToStart {
  rules: RuleSet;
  childId: string;
  rule: AssessmentClockRule;
  from: Date;
  duration: { days: number } | { workingDays: number };
}

/**
 * Starts assessment clocks for many children (a sweep's page) with one owner lookup and one insert;
 * the caller has made sure none of the rule runs for the child. Returns how many started (a child
 * with no owner anywhere up its tree gets none).
 */
export async function startAssessmentClocks(trx: Trx, wanted: readonly AssessmentClockToStart[]): Promise<number> {
  const owners = await ownersOf(
    trx,
    wanted.map((w) => w.childId),
  );
  const clocks: ClockToStart[] = [];
  for (const w of wanted) {
    const owner = owners.get(w.childId);
    if (!owner?.orgId) continue;
    clocks.push({
      rules: w.rules,
      clock: {
        rule: w.rule,
        ownerOrgId: owner.orgId,
        ownerUserId: owner.userId,
        subjectType: 'assessment',
        subjectId: w.childId,
        childId: w.childId,
        divisionCode: owner.residenceCode,
        startedAt: w.from,
        duration: w.duration,
      },
    });
  }
  await startClocks(trx, clocks);
  return clocks.length;
}

/** Starts an assessment clock of the child unless one of the rule is already running; true when started. */
export async function startAssessmentClock(
  trx: Trx,
  rules: RuleSet,
  childId: string,
  rule: AssessmentClockRule,
  from: Date,
  duration: { days: number } | { workingDays: number },
): Promise<boolean> {
  const running = await trx
    .selectFrom('clocks')
    .select('id')
    .where('child_id', '=', childId)
    .where('subject_type', '=', 'assessment')
    .where('rule', '=', rule)
    .where('state', 'in', ['running', 'paused'])
    .executeTakeFirst();
  if (running) return false;
  return (await startAssessmentClocks(trx, [{ rules, childId, rule, from, duration }])) === 1;
}

/** An assessment meets every running assessment clock of the child. */
export async function stopAssessmentClocks(trx: Trx, childId: string, at: Date): Promise<number> {
  return stopClocks(trx, { subjectId: childId, rules: assessmentClockRules }, at);
}
