import type { Kysely } from 'kysely';
import type { RenewalView } from '../../contract/benefits/payments.js';
import type { RenewalStatus } from '../../contract/benefits/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import './payments/tables.js';
import './renewal-messages.js';

type Db = Kysely<Database>;

function renewals(db: Db, actor: Actor) {
  return db
    .selectFrom('benefit_renewals as r')
    .innerJoin('children', 'children.id', 'r.child_id')
    .innerJoin('benefit_applications as a', 'a.id', 'r.application_id')
    .leftJoin('clocks', (join) =>
      join
        .onRef('clocks.subject_id', '=', 'r.application_id')
        .on('clocks.rule', 'like', 'benefit.%')
        .on('clocks.rule', '!=', 'benefit.verification')
        .on('clocks.rule', '!=', 'benefit.decision')
        .on('clocks.state', 'in', ['running', 'paused']),
    )
    .where(childInScope(actor))
    .select([
      'r.id',
      'r.application_id',
      'a.application_no',
      'a.benefit_type',
      'r.child_id',
      'children.name as child_name',
      'r.ages_out_on',
      'r.status',
      'r.renewed_until',
      'r.school',
      'r.seq',
      'clocks.due_at',
      'clocks.rule',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof renewals>['execute']>>[number];
const summaryOf = (row: Row): Omit<RenewalView, 'steps'> => ({
  id: row.id,
  applicationId: row.application_id,
  applicationNo: row.application_no,
  benefitType: row.benefit_type,
  childId: row.child_id,
  childName: row.child_name,
  agesOutOn: row.ages_out_on,
  status: row.status as RenewalStatus,
  renewedUntil: row.renewed_until,
  school: row.school,
  seq: row.seq,
  dueOn: row.due_at ? shanghaiDateOf(row.due_at) : null,
  clockRule: row.rule ?? null,
});

/** Renewals of children in my scope, nearest deadline first. */
export async function listRenewals(db: Db, actor: Actor, query: { status?: RenewalStatus | undefined }) {
  let q = renewals(db, actor);
  if (query.status) q = q.where('r.status', '=', query.status);
  const rows = await q
    .orderBy('clocks.due_at', (o) => o.asc().nullsLast())
    .orderBy('r.ages_out_on')
    .limit(500)
    .execute();
  return { items: rows.map(summaryOf) };
}

export async function readRenewal(db: Db, actor: Actor, id: string): Promise<RenewalView> {
  const row = await renewals(db, actor).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(translate(actor.locale, 'benefits.renewal_entity'), id);
  const steps = await db
    .selectFrom('benefit_renewal_steps')
    .select(['seq', 'type', 'status_after', 'occurred_at', 'actor_label', 'payload'])
    .where('renewal_id', '=', id)
    .orderBy('seq')
    .execute();
  return {
    ...summaryOf(row),
    steps: steps.map((s) => ({
      seq: s.seq,
      type: s.type,
      statusAfter: s.status_after as RenewalStatus,
      occurredAt: s.occurred_at.toISOString(),
      actor: s.actor_label,
      payload: s.payload,
    })),
  };
}
