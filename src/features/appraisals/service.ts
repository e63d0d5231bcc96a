import { type Kysely, sql } from 'kysely';
import type { AppraisalIndicators, AppraisalView, RecordAppraisalInput } from '../../contract/grassroots/training.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { staffWorkFactsIn } from '../grassroots/service.js';
import { ledgerCompletenessIn } from '../registry/service.js';
import { visitWorkIn } from '../visits/service.js';
import { rate, suggestRating } from './rules.js';
import '../../core/clocks/tables.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;

/** Counts a set of clocks due in the period: met, missed, and still running past due. */
async function clockOutcomes(
  db: Db,
  where: {
    rules: 'visit' | 'report.acknowledge';
    userId?: string | null;
    orgId?: string;
    childIds?: readonly string[];
  },
  from: Date,
  until: Date,
) {
  let query = db
    .selectFrom('clocks')
    .select([
      sql<number>`count(*) FILTER (WHERE state = 'met')::int`.as('met'),
      sql<number>`count(*) FILTER (WHERE state = 'missed')::int`.as('missed'),
      sql<number>`count(*) FILTER (WHERE state = 'running' AND due_at < ${until})::int`.as('overdue'),
    ])
    // Settled in the period (met or missed when stopped), or still running and late at its end.
    .where((eb) =>
      eb.or([
        eb.and([eb('stopped_at', '>=', from), eb('stopped_at', '<', until)]),
        eb.and([eb('state', '=', 'running'), eb('due_at', '>=', from), eb('due_at', '<', until)]),
      ]),
    );
  query =
    where.rules === 'visit'
      ? query.where('subject_type', '=', 'visit')
      : query.where('rule', '=', 'report.acknowledge');
  if (where.userId) query = query.where('owner_user_id', '=', where.userId);
  else if (where.orgId) query = query.where('owner_org_id', '=', where.orgId);
  if (where.childIds) {
    if (where.childIds.length === 0) return { met: 0, missed: 0, overdue: 0 };
    query = query.where('child_id', 'in', [...where.childIds]);
  }
  return query.executeTakeFirstOrThrow();
}

/**
 * The yearly assessment's indicators of a roster entry, computed from its recorded work: visit
 * clocks it owned (met on time, missed, overdue), visits recorded, report acknowledgements of its
 * organisation, children it answers for left without a visit in the year, training hours, records.
 */
export async function computeIndicators(db: Db, actor: Actor, staffId: string, year: number, now: Date) {
  const facts = await staffWorkFactsIn(db, actor, staffId, year);
  if (!facts) throw notFound(translate(actor.locale, 'grassroots.entity'), staffId);
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const yearEnd = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const until = yearEnd < now ? yearEnd : now;
  const visits = await clockOutcomes(
    db,
    facts.userId ? { rules: 'visit', userId: facts.userId } : { rules: 'visit', childIds: facts.childIds },
    from,
    until,
  );
  const reports = await clockOutcomes(db, { rules: 'report.acknowledge', orgId: facts.organisationId }, from, until);
  const work = await visitWorkIn(db, {
    staffId,
    childIds: facts.childIds,
    from: `${year}-01-01`,
    to: shanghaiDateOf(new Date(until.getTime() - 1)),
  });
  const ledger = await ledgerCompletenessIn(db, actor, facts.childIds);
  const indicators: AppraisalIndicators = {
    year,
    visitsOnTime: visits.met,
    visitsLate: visits.missed,
    visitsOverdue: visits.overdue,
    visitsOnTimeRate: rate(visits.met, visits.missed + visits.overdue),
    visitsRecorded: work.recorded,
    reportsAcknowledgedInTime: reports.met,
    reportsAcknowledgedLate: reports.missed + reports.overdue,
    reportsInTimeRate: rate(reports.met, reports.missed + reports.overdue),
    childrenAssigned: facts.childIds.length,
    childrenWithoutVisit: facts.childIds.length - work.visitedChildIds.length,
    ledgerComplete: ledger.complete,
    ledgerCompleteRate: rate(ledger.complete, ledger.total - ledger.complete),
    trainingHours: facts.trainingHours,
    subsidies: facts.records.subsidy,
    incentives: facts.records.incentive,
    accountability: facts.records.accountability,
  };
  return { facts, indicators };
}

export async function readAppraisal(
  db: Db,
  actor: Actor,
  staffId: string,
  year: number,
  now: Date,
): Promise<AppraisalView> {
  const { facts, indicators } = await computeIndicators(db, actor, staffId, year, now);
  const stored = await db
    .selectFrom('grassroots_appraisals')
    .selectAll()
    .where('staff_id', '=', staffId)
    .where('year', '=', year)
    .executeTakeFirst();
  return {
    staffId,
    name: facts.name,
    post: facts.post,
    indicators,
    suggestedRating: suggestRating(indicators),
    recorded: stored
      ? {
          rating: stored.rating,
          comment: stored.comment,
          version: stored.version,
          indicators: stored.indicators,
          recordedAt: new Date(stored.updated_at).toISOString(),
        }
      : null,
  };
}

/**
 * The officer records the year's rating; the indicators as computed now are stored with it. A
 * second recording names the version it replaces (stale or missing → 409).
 */
export async function recordAppraisalIn(uow: UnitOfWork, staffId: string, input: RecordAppraisalInput, at: Date) {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'roster.manage')) throw forbidden('roster.manage');
  const { indicators } = await computeIndicators(trx, actor, staffId, input.year, at);
  const current = await trx
    .selectFrom('grassroots_appraisals')
    .select(['id', 'version'])
    .where('staff_id', '=', staffId)
    .where('year', '=', input.year)
    .forUpdate()
    .executeTakeFirst();
  const entity = translate(actor.locale, 'appraisals.entity');
  if (current && current.version !== input.version) throw staleVersion(entity, current.id, current.version);
  if (!current && input.version !== undefined) throw conflict('appraisals.not_recorded', { year: String(input.year) });
  const values = {
    indicators: JSON.stringify(indicators),
    rating: input.rating,
    comment: input.comment ?? null,
    recorded_by: actor.userId,
    updated_at: at,
  };
  if (current)
    await trx
      .updateTable('grassroots_appraisals')
      .set({ ...values, version: current.version + 1 })
      .where('id', '=', current.id)
      .execute();
  else {
    const inserted = await trx
      .insertInto('grassroots_appraisals')
      .values({ ...values, staff_id: staffId, year: input.year, created_at: at })
      .onConflict((oc) => oc.columns(['staff_id', 'year']).doNothing())
      .returning('id')
      .executeTakeFirst();
    // Someone recorded the same year meanwhile: theirs stands, this one is told so.
    if (!inserted) throw conflict('appraisals.recorded_meanwhile', { year: String(input.year) });
  }
  uow.audit({
    entityType: 'grassroots_appraisal',
    entityId: staffId,
    details: { year: input.year, rating: input.rating },
  });
}

export async function recordAppraisal(db: Db, actor: Actor, staffId: string, input: RecordAppraisalInput) {
  await unitOfWork(db, actor, 'appraisal.record', (uow) => recordAppraisalIn(uow, staffId, input, new Date()));
  return readAppraisal(db, actor, staffId, input.year, new Date());
}
