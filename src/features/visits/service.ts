import { type Kysely, sql, type Transaction } from 'kysely';
import type { CorrectVisitInput, RecordVisitInput, VisitView } from '../../contract/visits/visits.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import './error-details.js';
import { refuseIfFactsChanged } from './facts.js';
import { lockChild, requireResponsible } from './responsible.js';
import './messages.js';
import { visitRules } from './rule-sections.js';
import { addDays, clocksMetBy, endOfDay, routineInterval } from './rules.js';
import { scheduledChildren, startNextVisitClocks, startVisitClock, stopVisitClocks } from './schedule.js';
import { readVisit } from './views.js';
import './tables.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const dateProblem = (code: string, path: string, date: string, params: Record<string, string> = {}) =>
  new DomainError(code, 400, { date, ...params }, [{ path, code, params: { date, ...params } }]);

/**
 * An offline form names the child's latest visit it knew (`seenVisitId`): a visit recorded since by
 * someone else is a conflict for the director to resolve, never a silent second record. Their own
 * visits do not count (a phone may queue two for one child).
 */
async function refuseIfVisitedMeanwhile(trx: Trx, actor: Actor, childId: string, seenVisitId: string | null) {
  const seenAt = sql<Date>`coalesce((SELECT s.created_at FROM home_visits s WHERE s.id = ${seenVisitId}::uuid
      AND s.child_id = ${childId}), '-infinity'::timestamptz)`;
  const other = await trx
    .selectFrom('home_visits')
    .where(systemScope('visits of the child locked above through childInScope'))
    .select(['id', 'version', 'visited_on', 'visitor_name'])
    .where('child_id', '=', childId)
    .where('visitor_user_id', 'is distinct from', actor.userId)
    .where('created_at', '>', seenAt)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!other) return;
  const visitedOn = String(other.visited_on);
  throw conflict(
    'visits.visited_meanwhile',
    { visitorName: other.visitor_name, visitedOn },
    { visitId: other.id, version: other.version, visitedOn, visitorName: other.visitor_name },
  );
}

/**
 * Records a home visit (the national follow-up form): the visit clocks it meets stop, and the next
 * routine visit is scheduled from the child's grade and categories as they are now (a full visit
 * also restarts the yearly screening). Dated in the future or before the registration → 400.
 */
export async function recordVisitIn(uow: UnitOfWork, input: RecordVisitInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  const child = await lockChild(trx, actor, input.childId);
  if (child.status !== 'active') throw new DomainError('visits.child_inactive', 409, { status: child.status });
  const visitor = await requireResponsible(trx, actor, child);
  if (input.seenVisitId !== undefined) await refuseIfVisitedMeanwhile(trx, actor, child.id, input.seenVisitId);
  if (input.seenFacts) await refuseIfFactsChanged(trx, actor, child.id, input.seenFacts);
  const today = shanghaiDateOf(at);
  const registered = shanghaiDateOf(new Date(child.created_at));
  if (input.visitedOn > today) throw dateProblem('visits.date_future', 'body.visitedOn', input.visitedOn, { today });
  if (input.visitedOn < registered)
    throw dateProblem('visits.date_before_registration', 'body.visitedOn', input.visitedOn, { registered });
  if (input.lastParentContactOn && input.lastParentContactOn > input.visitedOn)
    throw dateProblem('visits.contact_after_visit', 'body.lastParentContactOn', input.lastParentContactOn, {
      visitedOn: input.visitedOn,
    });
  const latest = await trx
    .selectFrom('home_visits')
    .where(systemScope('visits of the child locked above through childInScope'))
    .select((eb) => eb.fn.max('visited_on').as('on'))
    .where('child_id', '=', child.id)
    .executeTakeFirst();
  const lastOn = latest?.on && String(latest.on) > input.visitedOn ? String(latest.on) : input.visitedOn;
  const metAt = new Date(Math.min(at.getTime(), new Date(`${input.visitedOn}T12:00:00+08:00`).getTime()));
  await stopVisitClocks(trx, child.id, clocksMetBy(input.kind), metAt);
  const rules = await ruleSetFor(trx, child.residence_code, lastOn);
  const [facts] = await scheduledChildren(trx, [child.id], lastOn);
  const nextDueOn = await startNextVisitClocks(trx, rules, facts!, lastOn, {
    screening: clocksMetBy(input.kind).includes('visit.screening'),
  });
  const row = await trx
    .insertInto('home_visits')
    .values({
      child_id: child.id,
      visited_on: input.visitedOn,
      kind: input.kind,
      visitor_user_id: actor.userId,
      visitor_name: visitor.name ?? actor.label,
      organisation_id: actor.organisationId,
      staff_id: visitor.staffId,
      respondent_name: input.respondentName ?? null,
      respondent_relation: input.respondentRelation ?? null,
      last_parent_contact_on: input.lastParentContactOn ?? null,
      schooling: input.schooling ?? null,
      key_attention: input.keyAttention,
      findings: JSON.stringify(input.findings),
      suggestions: input.suggestions ?? null,
      risk_grade: input.riskGrade ?? null,
      next_due_on: lastOn === input.visitedOn ? nextDueOn : null,
      rule_set_version: rules.version,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordTimeline(trx, actor, {
    childId: child.id,
    kind: 'visit.recorded',
    entityType: 'home_visit',
    entityId: row.id,
    after: { visitedOn: input.visitedOn, kind: input.kind, keyAttention: input.keyAttention, nextDueOn },
    occurredAt: at,
  });
  uow.audit({
    entityType: 'home_visit',
    entityId: row.id,
    childId: child.id,
    details: { visitedOn: input.visitedOn, kind: input.kind, nextDueOn, rules: rules.version },
  });
  return row.id;
}

/** Corrects the form of a visit (send the version you saw; stale → 409). The date and kind stay: record another visit instead. */
export async function correctVisitIn(uow: UnitOfWork, id: string, input: CorrectVisitInput): Promise<void> {
  const { trx, actor } = uow;
  const visit = await trx
    .selectFrom('home_visits')
    .innerJoin('children', 'children.id', 'home_visits.child_id')
    .where(childInScope(actor))
    .select(['home_visits.id', 'home_visits.child_id', 'home_visits.visited_on'])
    .where('home_visits.id', '=', id)
    .executeTakeFirst();
  if (!visit) throw notFound(translate(actor.locale, 'visits.entity'), id);
  const child = await lockChild(trx, actor, visit.child_id);
  await requireResponsible(trx, actor, child);
  if (input.lastParentContactOn && input.lastParentContactOn > String(visit.visited_on))
    throw dateProblem('visits.contact_after_visit', 'body.lastParentContactOn', input.lastParentContactOn, {
      visitedOn: String(visit.visited_on),
    });
  const values: Record<string, unknown> = {};
  const columns = {
    respondentName: 'respondent_name',
    respondentRelation: 'respondent_relation',
    lastParentContactOn: 'last_parent_contact_on',
    schooling: 'schooling',
    keyAttention: 'key_attention',
    suggestions: 'suggestions',
    riskGrade: 'risk_grade',
  } as const;
  for (const [field, column] of Object.entries(columns))
    if (input[field as keyof typeof columns] !== undefined) values[column] = input[field as keyof typeof columns];
  if (input.findings !== undefined) values.findings = JSON.stringify(input.findings);
  await updateVersioned(trx, {
    table: 'home_visits',
    entity: translate(actor.locale, 'visits.entity'),
    id,
    expectedVersion: input.version,
    values,
  });
  await recordTimeline(trx, actor, {
    childId: visit.child_id,
    kind: 'visit.corrected',
    entityType: 'home_visit',
    entityId: id,
    details: { fields: Object.keys(values) },
  });
  uow.audit({
    entityType: 'home_visit',
    entityId: id,
    childId: visit.child_id,
    details: { fields: Object.keys(values) },
  });
}

export async function recordVisit(
  db: Db,
  actor: Actor,
  input: RecordVisitInput,
  key?: string,
): Promise<{ view: VisitView; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'visit.record',
    (uow) => recordVisitIn(uow, input, new Date()),
    key ? { key, request: input } : undefined,
  );
  return { view: await readVisit(db, actor, result), replayed };
}

export async function correctVisit(db: Db, actor: Actor, id: string, input: CorrectVisitInput): Promise<VisitView> {
  await unitOfWork(db, actor, 'visit.correct', (uow) => correctVisitIn(uow, id, input));
  return readVisit(db, actor, id);
}

/**
 * The child of a home visit the actor sees (through the child's scope), for another feature linking
 * to the visit (its photos among the documents); undefined when missing or out of scope.
 */
export async function visitChildIn(
  db: Db | Trx,
  actor: Actor,
  visitId: string,
): Promise<{ visitId: string; childId: string } | undefined> {
  const row = await db
    .selectFrom('home_visits')
    .innerJoin('children', 'children.id', 'home_visits.child_id')
    .select(['home_visits.id', 'home_visits.child_id'])
    .where('home_visits.id', '=', visitId)
    .where(childInScope(actor))
    .executeTakeFirst();
  return row ? { visitId: row.id, childId: row.child_id } : undefined;
}

/**
 * After the child's risk grade changed (a guardianship assessment): when the new grade calls for
 * visits sooner than the running routine clock, that clock is replaced by one due by the new grade
 * from the latest visit (a child never visited keeps its first-visit clock). Returns the new due day.
 */
export async function rescheduleForRiskGradeIn(trx: Trx, childId: string, at: Date): Promise<string | null> {
  const latest = await trx
    .selectFrom('home_visits')
    .where(systemScope('visits of a child the caller locked through childInScope'))
    .select((eb) => eb.fn.max('visited_on').as('on'))
    .where('child_id', '=', childId)
    .executeTakeFirst();
  if (!latest?.on) return null;
  const lastOn = String(latest.on).slice(0, 10);
  const today = shanghaiDateOf(at);
  const [facts] = await scheduledChildren(trx, [childId], today);
  if (!facts) return null;
  const rules = await ruleSetFor(trx, facts.residenceCode, today);
  const interval = routineInterval(facts, rules.get(visitRules), today);
  if (!interval) return null;
  const dueOn = addDays(lastOn, interval.days);
  const running = await trx
    .selectFrom('clocks')
    .select('due_at')
    .where('subject_type', '=', 'visit')
    .where('subject_id', '=', childId)
    .where('rule', '=', 'visit.routine')
    .where('state', 'in', ['running', 'paused'])
    .executeTakeFirst();
  if (running && shanghaiDateOf(new Date(running.due_at)) <= dueOn) return null;
  if (running) await stopVisitClocks(trx, childId, ['visit.routine'], at);
  await startVisitClock(trx, rules, facts, 'visit.routine', endOfDay(lastOn), { days: interval.days });
  return dueOn;
}

/**
 * The risk clues home visits give: each child's latest key-attention visit recorded in the window
 * (the guardianship assessment's sweep starts an "assess now" clock from it).
 */
export async function keyAttentionVisitsIn(
  db: Db | Trx,
  from: Date,
  until: Date,
): Promise<{ childId: string; recordedAt: Date }[]> {
  const rows = await db
    .selectFrom('home_visits')
    .where(systemScope('a sweep over the visits recorded in a window'))
    .select(['child_id', (eb) => eb.fn.max('created_at').as('at')])
    .where('key_attention', '=', true)
    .where('created_at', '>', from)
    .where('created_at', '<=', until)
    .groupBy('child_id')
    .execute();
  return rows.map((r) => ({ childId: r.child_id, recordedAt: new Date(r.at as Date) }));
}

/**
 * The visits a roster entry's yearly assessment counts: visits recorded under the entry in the
 * period, and which of the children named were visited at all (by anyone). The caller read the
 * children through childInScope.
 */
export async function visitWorkIn(
  db: Db | Trx,
  input: { staffId: string; childIds: readonly string[]; from: string; to: string },
): Promise<{ recorded: number; visitedChildIds: string[] }> {
  const recorded = await db
    .selectFrom('home_visits')
    .where(systemScope('visits recorded under a roster entry the caller read in its area'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('staff_id', '=', input.staffId)
    .where('visited_on', '>=', input.from)
    .where('visited_on', '<=', input.to)
    .executeTakeFirstOrThrow();
  const visited =
    input.childIds.length === 0
      ? []
      : await db
          .selectFrom('home_visits')
          .where(systemScope('visits of children the caller read through childInScope'))
          .select('child_id')
          .distinct()
          .where('child_id', 'in', [...input.childIds])
          .where('visited_on', '>=', input.from)
          .where('visited_on', '<=', input.to)
          .execute();
  return { recorded: Number(recorded.n), visitedChildIds: visited.map((v) => v.child_id) };
}

export interface VisitByOrganisation {
  childId: string;
  visitedOn: string;
  /** The child's residence now: where the visit counts. */
  residenceCode: string;
}

/**
 * Home visits recorded by an organisation's people, optionally between two dates (inclusive):
 * read by purchased-service projects and capacity, which count them. The caller has decided the
 * reader may see the organisation's outputs; rows carry the child's id, the date and the place only.
 */
export async function visitsRecordedByIn(
  db: Db | Trx,
  organisationId: string,
  period?: { from: string; to: string },
): Promise<VisitByOrganisation[]> {
  let query = db
    .selectFrom('home_visits as v')
    .innerJoin('children as c', 'c.id', 'v.child_id')
    .where(systemScope("an organisation's recorded visits, counted for a project or capacity read through its scope"))
    .select(['v.child_id', 'v.visited_on', 'c.residence_code'])
    .where('v.organisation_id', '=', organisationId);
  if (period) query = query.where('v.visited_on', '>=', period.from).where('v.visited_on', '<=', period.to);
  const rows = await query.orderBy('v.visited_on').execute();
  return rows.map((row) => ({
    childId: row.child_id,
    visitedOn: String(row.visited_on),
    residenceCode: row.residence_code,
  }));
}

/** Entrusted care of a left-behind child, for the demo and other features. */
export { recordEntrustedCareIn, recordParentContactIn } from './entrusted.js';
