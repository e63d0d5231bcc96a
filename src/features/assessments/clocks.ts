import { sql, type Transaction } from 'kysely';
import type { AssessmentClockRule } from '../../contract/assessments/assessments.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { Database } from '../../platform/db/schema.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { responsibleDirectorIn } from '../grassroots/service.js';
import { assessmentClockRules } from '../../contract/assessments/assessments.js';
import '../../core/clocks/tables.js';

type Trx = Transaction<Database>;

/**
 * Who must assess: the child's responsible director, else the nearest village committee, township
 * government or county civil affairs bureau of its residence.
 */
async function ownerOf(trx: Trx, childId: string) {
  const director = await responsibleDirectorIn(trx, childId);
  const row = await trx
    .selectFrom('children as c')
    .where(systemScope('a child the caller read through childInScope or a sweep named'))
    .select([
      'c.residence_code',
      sql<string | null>`(SELECT o.id FROM organisations o WHERE o.active AND (
          (o.kind = 'village_committee' AND o.division_code = c.residence_code)
          OR (o.kind = 'township_government' AND o.division_code = rpad(substr(c.residence_code, 1, 9), 12, '0'))
          OR (o.kind = 'civil_affairs_bureau' AND o.division_code IN (rpad(substr(c.residence_code, 1, 6), 12, '0'), rpad(substr(c.residence_code, 1, 4), 12, '0'))))
        ORDER BY length(rtrim(o.division_code, '0')) DESC, o.created_at LIMIT 1)`.as('place_org'),
    ])
    .where('c.id', '=', childId)
    .executeTakeFirstOrThrow();
  return {
    residenceCode: row.residence_code,
    orgId: director?.organisationId ?? row.place_org,
    userId: director?.userId ?? null,
  };
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
  const owner = await ownerOf(trx, childId);
  if (!owner.orgId) return false;
  await startClock(trx, rules, {
    rule,
    ownerOrgId: owner.orgId,
    ownerUserId: owner.userId,
    subjectType: 'assessment',
    subjectId: childId,
    childId,
    divisionCode: owner.residenceCode,
    startedAt: from,
    duration,
  });
  return true;
}

/** An assessment meets every running assessment clock of the child. */
export async function stopAssessmentClocks(trx: Trx, childId: string, at: Date): Promise<number> {
  return stopClocks(trx, { subjectId: childId, rules: assessmentClockRules }, at);
}
