import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { systemScope } from '../../core/scope/system-scope.js';
import { openReferralStatuses } from '../../contract/referrals/vocabulary.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { ReferralView } from '../../contract/referrals/views.js';
import { inDivisions } from './insight-reads.js';
import './tables.js';

// The reads other features make of referrals (overdue, states, a provider's steps, declines).

type Db = Kysely<Database>;

export interface OverdueReferral {
  referralId: string;
  service: string;
  status: string;
  fromOrganisation: string;
  toOrganisation: string;
  /** The clock that ran out: the receiver's answer, or the service's completion. */
  rule: string;
  dueAt: Date;
}

/**
 * Open referrals of children of a place whose response or completion clock had run out as of a
 * moment — what is blocked between organisations, for the joint conference's agenda. Names no
 * child: the conference hears of the hand-over that stalls, not of whom it concerns.
 */
export async function overdueReferralsIn(
  db: Db | UnitOfWork['trx'],
  divisionPrefix: string,
  asOf: Date,
): Promise<OverdueReferral[]> {
  const rows = await db
    .selectFrom('referrals')
    .where(systemScope('the joint conference agenda of a place: organisations and services, no child named'))
    .innerJoin('referral_actions as last', (join) =>
      join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
    )
    .innerJoin('clocks', (join) =>
      join.onRef('clocks.subject_id', '=', 'referrals.id').on('clocks.subject_type', '=', 'referral'),
    )
    .innerJoin('organisations as sender', 'sender.id', 'referrals.from_org_id')
    .innerJoin('organisations as receiver', 'receiver.id', 'referrals.to_org_id')
    .select([
      'referrals.id',
      'referrals.service',
      'last.status_after',
      'sender.name as from_name',
      'receiver.name as to_name',
      'clocks.rule',
      'clocks.due_at',
    ])
    .where('referrals.division_code', 'like', `${divisionPrefix}%`)
    .where('last.status_after', 'in', [...openReferralStatuses])
    .where('referrals.created_at', '<=', asOf)
    .where('clocks.due_at', '<', asOf)
    .where((eb) => eb.or([eb('clocks.state', '=', 'running'), eb('clocks.stopped_at', '>', asOf)]))
    .orderBy('clocks.due_at')
    .limit(100)
    .execute();
  return rows.map((row) => ({
    referralId: row.id,
    service: row.service,
    status: row.status_after,
    fromOrganisation: row.from_name,
    toOrganisation: row.to_name,
    rule: row.rule,
    dueAt: row.due_at,
  }));
}

/** Where a referral stands, for the feature that linked it (a service in a case plan). */
export interface ReferralState {
  referralId: string;
  status: ReferralView['status'];
  fromOrgId: string;
  toOrgId: string;
  /** When it completed (the service it delivered was delivered then), else null. */
  completedAt: Date | null;
}

/**
 * The states of referrals the caller's feature holds the ids of (it read them with a subject it
 * locked or listed through the child's scope): status, parties and when each completed.
 */
export async function referralStatesIn(
  db: Db | UnitOfWork['trx'],
  referralIds: readonly string[],
): Promise<Map<string, ReferralState>> {
  if (referralIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('referrals')
    .where(systemScope('referrals linked to a subject the caller read through childInScope'))
    .innerJoin('referral_actions as last', (join) =>
      join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
    )
    .select(['referrals.id', 'referrals.from_org_id', 'referrals.to_org_id', 'last.status_after', 'last.occurred_at'])
    .where('referrals.id', 'in', [...referralIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        referralId: r.id,
        status: r.status_after,
        fromOrgId: r.from_org_id,
        toOrgId: r.to_org_id,
        completedAt: r.status_after === 'completed' ? r.occurred_at : null,
      },
    ]),
  );
}

/** Whether the organisation has sent a referral of the case that is still open (it still takes part). */
export async function hasOpenReferralFromIn(
  trx: UnitOfWork['trx'],
  caseId: string,
  organisationId: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('referrals')
    .where(systemScope('referrals of a case the caller locked'))
    .innerJoin('referral_actions as last', (join) =>
      join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
    )
    .select('referrals.id')
    .where('referrals.case_id', '=', caseId)
    .where('referrals.from_org_id', '=', organisationId)
    .where('last.status_after', 'in', ['requested', 'accepted', 'in_progress'])
    .executeTakeFirst();
  return row !== undefined;
}
export interface ProviderReferralStep {
  referralId: string;
  childId: string;
  /** The child's residence when referred: where the work lies. */
  divisionCode: string;
  service: string;
  step: 'accept' | 'complete';
  occurredAt: Date;
}

/**
 * The referrals an organisation accepted and completed (its delivered work), optionally within a
 * time window: read by purchased-service projects and capacity, which count them, never change them.
 * The caller has already decided the reader may see the organisation's outputs (a project read
 * through its own scope), so the rows carry no more than ids, place, service and time.
 */
export async function referralStepsOfProviderIn(
  db: Db | UnitOfWork['trx'],
  organisationId: string,
  window?: { from: Date; to: Date },
): Promise<ProviderReferralStep[]> {
  let query = db
    .selectFrom('referral_actions as a')
    .innerJoin('referrals as r', 'r.id', 'a.referral_id')
    .where(systemScope("the provider's delivered work, counted for a project or capacity read through its scope"))
    .select(['r.id', 'r.child_id', 'r.division_code', 'r.service', 'a.type', 'a.occurred_at'])
    .where('r.to_org_id', '=', organisationId)
    .where('a.type', 'in', ['accept', 'complete']);
  if (window) query = query.where('a.occurred_at', '>=', window.from).where('a.occurred_at', '<', window.to);
  const rows = await query.orderBy('a.occurred_at').execute();
  return rows.map((row) => ({
    referralId: row.id,
    childId: row.child_id,
    divisionCode: row.division_code,
    service: row.service,
    step: row.type as 'accept' | 'complete',
    occurredAt: new Date(row.occurred_at),
  }));
}

/** Referrals declined by their receiver in [from, to), per the child's division (insight snapshots; counts only). */
export async function referralsDeclinedBetween(
  db: Db,
  from: Date,
  to: Date,
  divisions: readonly string[] | null = null,
): Promise<{ divisionCode: string; declined: number }[]> {
  if (divisions?.length === 0) return [];
  const { rows } = await sql<{ divisionCode: string; declined: number }>`
    SELECT r.division_code AS "divisionCode", count(DISTINCT r.id)::int AS declined
    FROM referral_actions a JOIN referrals r ON r.id = a.referral_id
    WHERE a.status_after = 'declined' AND a.occurred_at >= ${from} AND a.occurred_at < ${to} AND ${inDivisions(divisions)}
      AND ${systemScope('insight snapshot: declined referrals are counted, no child is named')}
    GROUP BY 1`.execute(db);
  return rows;
}
