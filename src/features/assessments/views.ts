import { type Kysely, type Selectable, sql } from 'kysely';
import {
  type AssessmentClockRule,
  type AssessmentList,
  type AssessmentRulesView,
  type AssessmentView,
  assessmentViewSchema,
  type GuardianshipMissing,
} from '../../contract/assessments/assessments.js';
import { guardianshipFollowUps } from '../../contract/assessments/standard.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { assessmentRules } from './rule-sections.js';
import type { GuardianshipAssessmentsTable } from './tables.js';
import '../../core/clocks/tables.js';
import './tables.js';

type Db = Kysely<Database>;
type Row = Selectable<GuardianshipAssessmentsTable> & { revisions: number };

const stamp = (value: Date | string) => new Date(value).toISOString();

function present(row: Row): AssessmentView {
  return assessmentViewSchema.parse({
    id: row.id,
    childId: row.child_id,
    caseId: row.case_id,
    version: row.version,
    assessedOn: String(row.assessed_on).slice(0, 10),
    trigger: row.trigger,
    answers: row.answers,
    overrides: row.overrides,
    notes: row.notes,
    score: Number(row.score),
    byIndicator: row.by_indicator,
    scoredGrade: row.scored_grade,
    grade: row.grade,
    cappedBy: row.capped_by,
    riskGrade: row.risk_grade,
    riskGradeBefore: row.risk_grade_before,
    overridden: row.overridden,
    followUps: [...guardianshipFollowUps[row.grade]],
    followUpState: row.follow_up_state,
    followUpNote: row.follow_up_note,
    ruleSetVersion: row.rule_set_version,
    assessorName: row.assessor_name,
    createdAt: stamp(row.created_at),
    updatedAt: stamp(row.updated_at),
    revisions: row.revisions,
  });
}

const revisions = sql<number>`(SELECT count(*)::int FROM guardianship_assessment_revisions r WHERE r.assessment_id = a.id)`;

export async function readAssessment(db: Db, actor: Actor, id: string): Promise<AssessmentView> {
  const row = await db
    .selectFrom('guardianship_assessments as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .where(childInScope(actor))
    .selectAll('a')
    .select(revisions.as('revisions'))
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(translate(actor.locale, 'assessments.entity'), id);
  return present(row);
}

async function childOrNotFound(db: Db, actor: Actor, childId: string) {
  const child = await db
    .selectFrom('children')
    .select(['id', 'residence_code'])
    .where('id', '=', childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'assessments.child_entity'), childId);
  return child;
}

/** A child's assessments, newest first, and the clocks saying it is due one (the child in my scope, else 404). */
export async function listAssessments(db: Db, actor: Actor, childId: string, now: Date): Promise<AssessmentList> {
  await childOrNotFound(db, actor, childId);
  const rows = await db
    .selectFrom('guardianship_assessments as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .where(childInScope(actor))
    .selectAll('a')
    .select(revisions.as('revisions'))
    .where('a.child_id', '=', childId)
    .orderBy('a.assessed_on', 'desc')
    .orderBy('a.created_at', 'desc')
    .execute();
  const clocks = await db
    .selectFrom('clocks')
    .select(['rule', 'due_at', 'state'])
    .where('child_id', '=', childId)
    .where('subject_type', '=', 'assessment')
    .where('state', 'in', ['running', 'paused'])
    .orderBy('due_at')
    .execute();
  return {
    items: rows.map(present),
    due: clocks.map((c) => ({
      rule: c.rule as AssessmentClockRule,
      dueAt: stamp(c.due_at),
      overdue: new Date(c.due_at) < now,
      state: c.state,
    })),
  };
}

/** The scoring rules in force for the child's place today (the form grades live with them). */
export async function rulesForChild(db: Db, actor: Actor, childId: string, now: Date): Promise<AssessmentRulesView> {
  const child = await childOrNotFound(db, actor, childId);
  const rules = await ruleSetFor(db, child.residence_code, shanghaiDateOf(now));
  return { version: rules.version, rules: rules.get(assessmentRules) };
}

/**
 * "Guardianship missing" results waiting for the county civil affairs (DB42/T: report to civil
 * affairs, consider revocation): for civil affairs bureaus acting on cases, children in their scope.
 */
export async function guardianshipMissingFor(db: Db, actor: Actor, now: Date): Promise<GuardianshipMissing[]> {
  if (!actor.organisationId) return [];
  const bureau = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', actor.organisationId)
    .where('kind', '=', 'civil_affairs_bureau')
    .executeTakeFirst();
  if (!bureau) return [];
  const rows = await db
    .selectFrom('guardianship_assessments as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .where(childInScope(actor))
    .select([
      'a.id',
      'a.version',
      'a.child_id',
      'children.name',
      'children.residence_code',
      'a.assessed_on',
      'a.score',
      'a.created_at',
    ])
    .where('a.follow_up_state', '=', 'open')
    .orderBy('a.created_at')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    assessmentId: r.id,
    version: r.version,
    childId: r.child_id,
    childName: r.name,
    divisionCode: r.residence_code,
    assessedOn: String(r.assessed_on).slice(0, 10),
    score: Number(r.score),
    // The standard asks for a report at once: a day without taking it up is late.
    overdue: now.getTime() - new Date(r.created_at).getTime() > 86_400_000,
  }));
}
