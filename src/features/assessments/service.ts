import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  AssessmentClockRule,
  AssessmentView,
  CorrectAssessmentInput,
  RecordAssessmentInput,
  TakeUpFollowUpInput,
} from '../../contract/assessments/assessments.js';
import type { GuardianshipGrade } from '../../contract/assessments/standard.js';
import type { RiskGrade } from '../../contract/registry/vocabulary.js';
import { type AssessmentAnswers, gradeGuardianship, invalidAnswers } from '../../contract/assessments/engine.js';
import type { EmergencyOverride } from '../../contract/cases/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { rescheduleForRiskGradeIn } from '../visits/service.js';
import { startAssessmentClock, stopAssessmentClocks } from './clocks.js';
import './messages.js';
import { assessmentRules } from './rule-sections.js';
import { readAssessment } from './views.js';
import './tables.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const dateProblem = (code: string, date: string, params: Record<string, string>) =>
  new DomainError(code, 400, { date, ...params }, [{ path: 'body.assessedOn', code, params: { date, ...params } }]);

function checkAnswers(answers: Record<string, string>): AssessmentAnswers {
  const problems = invalidAnswers(answers);
  if (problems.length > 0)
    throw new DomainError('assessments.answers_invalid', 400, { items: problems.join(', ') }, [
      { path: 'body.answers', code: 'assessments.answers_invalid', params: { items: problems.join(', ') } },
    ]);
  return answers as AssessmentAnswers;
}

async function lockChild(trx: Trx, actor: Actor, childId: string) {
  const child = await trx
    .selectFrom('children')
    .select(['id', 'residence_code', 'created_at', 'risk_grade'])
    .where('id', '=', childId)
    .where(childInScope(actor))
    .forUpdate()
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'assessments.child_entity'), childId);
  return child;
}

/**
 * The child's risk grade follows its latest assessment: when it changes, the child's file says so,
 * the timeline records the change and the visit schedule is re-dated by the new grade.
 */
async function applyRiskGrade(
  uow: UnitOfWork,
  child: { id: string; risk_grade: string | null },
  grade: string,
  at: Date,
) {
  if (child.risk_grade === grade) return;
  await uow.trx
    .updateTable('children')
    .where(systemScope('the child locked above through childInScope'))
    .set((eb) => ({ risk_grade: grade as never, version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', child.id)
    .execute();
  await rescheduleForRiskGradeIn(uow.trx, child.id, at);
}

/**
 * Records a guardianship assessment of a child (a case is optional): graded by the rule set of the
 * child's place on the day; the running "assess" clocks are met; the periodic clock restarts for
 * scattered orphans and de facto unsupported children; "missing" opens a follow-up for the county
 * civil affairs (my work). Out of scope → 404; without `assessments.record` → 403.
 */
export async function recordAssessmentIn(uow: UnitOfWork, input: RecordAssessmentInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'assessments.record')) throw forbidden('assessments.record');
  const child = await lockChild(trx, actor, input.childId);
  const answers = checkAnswers(input.answers);
  const today = shanghaiDateOf(at);
  const registered = shanghaiDateOf(new Date(child.created_at));
  if (input.assessedOn > today) throw dateProblem('assessments.date_future', input.assessedOn, { today });
  if (input.assessedOn < registered)
    throw dateProblem('assessments.date_before_registration', input.assessedOn, { registered });
  if (input.caseId) {
    const kase = await trx
      .selectFrom('cases')
      .where(systemScope('a case of the child locked above through childInScope'))
      .select('child_id')
      .where('id', '=', input.caseId)
      .executeTakeFirst();
    if (kase?.child_id !== child.id) throw new DomainError('assessments.case_other_child', 400);
  }
  const rules = await ruleSetFor(trx, child.residence_code, input.assessedOn);
  const section = rules.get(assessmentRules);
  const result = gradeGuardianship(answers, input.overrides, section);
  const row = await trx
    .insertInto('guardianship_assessments')
    .values({
      child_id: child.id,
      case_id: input.caseId ?? null,
      assessed_on: input.assessedOn,
      trigger: input.caseId ? 'case' : input.trigger,
      answers: JSON.stringify(answers),
      overrides: [...input.overrides],
      notes: input.notes ?? null,
      score: result.score,
      by_indicator: JSON.stringify(result.byIndicator),
      scored_grade: result.scoredGrade,
      grade: result.grade,
      capped_by: result.cappedBy,
      risk_grade: result.riskGrade,
      risk_grade_before: child.risk_grade,
      overridden: result.overridden,
      rule_set_version: rules.version,
      follow_up_state: result.grade === 'missing' ? 'open' : null,
      assessor_user_id: actor.userId,
      assessor_name: actor.label,
      organisation_id: actor.organisationId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await stopAssessmentClocks(trx, child.id, at);
  await restartPeriodicClock(trx, rules, child.id, at);
  await applyRiskGrade(uow, child, result.riskGrade, at);
  await recordTimeline(trx, actor, {
    childId: child.id,
    kind: 'assessment.recorded',
    entityType: 'guardianship_assessment',
    entityId: row.id,
    before: { riskGrade: child.risk_grade },
    after: { grade: result.grade, riskGrade: result.riskGrade, score: result.score, overridden: result.overridden },
    occurredAt: at,
  });
  uow.audit({
    entityType: 'guardianship_assessment',
    entityId: row.id,
    childId: child.id,
    details: { grade: result.grade, riskGrade: result.riskGrade, rules: rules.version },
  });
  return row.id;
}

async function restartPeriodicClock(
  trx: Trx,
  rules: Awaited<ReturnType<typeof ruleSetFor>>,
  childId: string,
  at: Date,
) {
  const section = rules.get(assessmentRules);
  const due = await trx
    .selectFrom('child_categories')
    .where(systemScope('the categories of the child locked by the caller'))
    .select('category')
    .where('child_id', '=', childId)
    .where('state', '=', 'confirmed')
    .where('category', 'in', section.periodicCategories)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', shanghaiDateOf(at))]))
    .executeTakeFirst();
  if (due)
    await startAssessmentClock(trx, rules, childId, 'assessment.periodic', at, { days: section.periodicEveryDays });
}

async function lockAssessment(trx: Trx, actor: Actor, id: string) {
  const row = await trx
    .selectFrom('guardianship_assessments as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .where(childInScope(actor))
    .selectAll('a')
    .select('children.risk_grade as child_risk_grade')
    .where('a.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(translate(actor.locale, 'assessments.entity'), id);
  return row;
}

/**
 * Corrects an assessment (send the version you saw; stale → 409): regraded by the rule set it was
 * graded with; what it replaced is kept as a revision. The child's grade follows only when this is
 * its latest assessment.
 */
export async function correctAssessmentIn(uow: UnitOfWork, id: string, input: CorrectAssessmentInput, at: Date) {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'assessments.record')) throw forbidden('assessments.record');
  const current = await lockAssessment(trx, actor, id);
  const child = await lockChild(trx, actor, current.child_id);
  if (current.version !== input.version)
    throw staleVersion(translate(actor.locale, 'assessments.entity'), id, current.version);
  const answers = checkAnswers(input.answers ?? current.answers);
  const overrides = (input.overrides ?? current.overrides) as EmergencyOverride[];
  const rules = await ruleSetFor(trx, child.residence_code, String(current.assessed_on).slice(0, 10));
  const result = gradeGuardianship(answers, overrides, rules.get(assessmentRules));
  await trx
    .insertInto('guardianship_assessment_revisions')
    .values({
      assessment_id: id,
      version: current.version,
      answers: JSON.stringify(current.answers),
      overrides: current.overrides,
      notes: current.notes,
      score: Number(current.score),
      grade: current.grade,
      risk_grade: current.risk_grade,
      replaced_by: actor.userId,
      replaced_at: at,
    })
    .execute();
  const opensFollowUp = result.grade === 'missing' && current.follow_up_state === null;
  await trx
    .updateTable('guardianship_assessments')
    .where(systemScope('the assessment locked above through childInScope'))
    .set({
      answers: JSON.stringify(answers),
      overrides: [...overrides],
      notes: input.notes === undefined ? current.notes : input.notes,
      score: result.score,
      by_indicator: JSON.stringify(result.byIndicator),
      scored_grade: result.scoredGrade,
      grade: result.grade,
      capped_by: result.cappedBy,
      risk_grade: result.riskGrade,
      overridden: result.overridden,
      ...(opensFollowUp ? { follow_up_state: 'open' as const } : {}),
      version: current.version + 1,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
  const latest = await latestAssessmentIn(uow, child.id);
  if (latest?.id === id) await applyRiskGrade(uow, child, result.riskGrade, at);
  await recordTimeline(trx, actor, {
    childId: child.id,
    kind: 'assessment.corrected',
    entityType: 'guardianship_assessment',
    entityId: id,
    before: { grade: current.grade, riskGrade: current.risk_grade },
    after: { grade: result.grade, riskGrade: result.riskGrade, score: result.score },
    occurredAt: at,
  });
  uow.audit({
    entityType: 'guardianship_assessment',
    entityId: id,
    childId: child.id,
    details: { version: current.version + 1, grade: result.grade },
  });
}

/** The county civil affairs takes up a "guardianship missing" result (report received, revocation considered). */
export async function takeUpFollowUpIn(uow: UnitOfWork, id: string, input: TakeUpFollowUpInput, at: Date) {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'cases.act')) throw forbidden('cases.act');
  const current = await lockAssessment(trx, actor, id);
  if (current.version !== input.version)
    throw staleVersion(translate(actor.locale, 'assessments.entity'), id, current.version);
  if (current.follow_up_state !== 'open') throw new DomainError('assessments.no_follow_up', 409);
  await trx
    .updateTable('guardianship_assessments')
    .where(systemScope('the assessment locked above through childInScope'))
    .set({
      follow_up_state: 'taken_up',
      follow_up_note: input.note,
      follow_up_by: actor.userId,
      follow_up_at: at,
      version: current.version + 1,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
  await recordTimeline(trx, actor, {
    childId: current.child_id,
    kind: 'assessment.follow_up_taken_up',
    entityType: 'guardianship_assessment',
    entityId: id,
    reason: input.note,
    occurredAt: at,
  });
  uow.audit({ entityType: 'guardianship_assessment', entityId: id, childId: current.child_id, details: {} });
}

/**
 * The child's latest assessment (by assessment date, then recording time), or null. For the
 * placements feature: a child under temporary state guardianship is assessed before returning home.
 * The caller has read the child through childInScope.
 */
export async function latestAssessmentIn(
  uow: Pick<UnitOfWork, 'trx'>,
  childId: string,
): Promise<{ id: string; assessedOn: string; grade: string; riskGrade: string } | null> {
  const row = await uow.trx
    .selectFrom('guardianship_assessments')
    .where(systemScope('keyed by a child the caller read through childInScope'))
    .select(['id', 'assessed_on', 'grade', 'risk_grade'])
    .where('child_id', '=', childId)
    .orderBy('assessed_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { id: row.id, assessedOn: String(row.assessed_on).slice(0, 10), grade: row.grade, riskGrade: row.risk_grade }
    : null;
}

/**
 * Asks for an assessment: starts the child's clock of the rule (a risk clue, or before a child under
 * temporary state guardianship returns home) unless one is running. For other features (placements,
 * visits); the caller has read the child through childInScope.
 */
export async function requestAssessmentIn(
  uow: Pick<UnitOfWork, 'trx'>,
  childId: string,
  rule: Exclude<AssessmentClockRule, 'assessment.periodic'>,
  at: Date,
): Promise<boolean> {
  const child = await uow.trx
    .selectFrom('children')
    .where(systemScope('keyed by a child the caller read through childInScope'))
    .select('residence_code')
    .where('id', '=', childId)
    .executeTakeFirstOrThrow();
  const rules = await ruleSetFor(uow.trx, child.residence_code, shanghaiDateOf(at));
  return startAssessmentClock(uow.trx, rules, childId, rule, at, {
    workingDays: rules.get(assessmentRules).riskClueWorkingDays,
  });
}

export async function recordAssessment(
  db: Db,
  actor: Actor,
  input: RecordAssessmentInput,
  key?: string,
): Promise<{ view: AssessmentView; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'assessment.record',
    (uow) => recordAssessmentIn(uow, input, new Date()),
    key ? { key, request: input } : undefined,
  );
  return { view: await readAssessment(db, actor, result), replayed };
}

export async function correctAssessment(db: Db, actor: Actor, id: string, input: CorrectAssessmentInput) {
  await unitOfWork(db, actor, 'assessment.correct', (uow) => correctAssessmentIn(uow, id, input, new Date()));
  return readAssessment(db, actor, id);
}

export async function takeUpFollowUp(db: Db, actor: Actor, id: string, input: TakeUpFollowUpInput) {
  await unitOfWork(db, actor, 'assessment.follow_up', (uow) => takeUpFollowUpIn(uow, id, input, new Date()));
  return readAssessment(db, actor, id);
}

export interface GradesOn {
  divisionCode: string;
  grade: GuardianshipGrade;
  riskGrade: RiskGrade;
  children: number;
  improved: number;
}

/**
 * Children's guardianship grades on `day` for the insight snapshots (counts only): each assessed
 * child's latest grade (and the risk grade of that assessment) by then, per residence, grade and
 * risk grade, and how many of them stand better than at their first assessment (the standard's
 * order: missing < improper < insufficient < normal).
 */
export async function guardianshipGradesOn(
  db: Kysely<Database> | Transaction<Database>,
  day: string,
): Promise<GradesOn[]> {
  const order = sql`array['missing', 'improper', 'insufficient', 'normal']::text[]`;
  const { rows } = await sql<GradesOn>`
    WITH latest AS (
      SELECT DISTINCT ON (a.child_id) a.child_id, a.grade, a.risk_grade,
        first_value(a.grade) OVER (PARTITION BY a.child_id ORDER BY a.assessed_on, a.created_at) AS first_grade
      FROM guardianship_assessments a
      WHERE a.assessed_on <= ${day}::date AND ${systemScope('insight snapshot: grades are counted, no child is named')}
      ORDER BY a.child_id, a.assessed_on DESC, a.created_at DESC)
    SELECT c.residence_code AS "divisionCode", l.grade, l.risk_grade AS "riskGrade", count(*)::int AS children,
      count(*) FILTER (WHERE array_position(${order}, l.grade::text) > array_position(${order}, l.first_grade::text))::int AS improved
    FROM latest l JOIN children c ON c.id = l.child_id
    WHERE ${systemScope('insight snapshot: the residence of counted children')}
    GROUP BY 1, 2, 3`.execute(db);
  return rows;
}
