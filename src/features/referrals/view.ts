import { type Kysely, sql, type Transaction } from 'kysely';
import type { ReferralList, ReferralListQuery, ReferralView } from '../../contract/referrals/views.js';
import type { ReferralStatus } from '../../contract/referrals/vocabulary.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { foldLog } from '../../core/workflow/rules.js';
import { type Actor, accountableUserId, hasPermission } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { escalationLevelOf } from '../../core/clocks/index.js';
import '../../core/clocks/tables.js';
import { referralVisibleTo } from './access.js';
import { referralActionsFor, referralStatusTable, type ReferralState } from './rules.js';
import type { ReferralActionType } from '../../contract/referrals/vocabulary.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

const asker = (actor: Actor) => ({
  can: (p: string) => hasPermission(actor, p),
  accountableUserId: accountableUserId(actor),
});
const sides = (actor: Actor, row: { from_org_id: string; to_org_id: string }) => ({
  sender: actor.organisationId === row.from_org_id,
  receiver: actor.organisationId === row.to_org_id,
});

/** One referral as the sender, the receiver or the child's government bodies read it (audited). */
export async function readReferral(
  db: Db,
  actor: Actor,
  id: string,
  options: { audit?: boolean } = {},
): Promise<ReferralView> {
  if (!hasPermission(actor, 'referrals.read')) throw forbidden('referrals.read');
  const row = await db
    .selectFrom('referrals')
    .innerJoin('children', 'children.id', 'referrals.child_id')
    .innerJoin('organisations as sender', 'sender.id', 'referrals.from_org_id')
    .innerJoin('organisations as receiver', 'receiver.id', 'referrals.to_org_id')
    .select([
      'referrals.id',
      'referrals.child_id',
      'referrals.case_id',
      'referrals.from_org_id',
      'referrals.to_org_id',
      'referrals.service',
      'referrals.shares',
      'referrals.document_ids',
      'referrals.reason',
      'referrals.due_on',
      'referrals.consent',
      'referrals.seq',
      'referrals.created_at',
      'children.name as child_name',
      'sender.name as from_name',
      'sender.kind as from_kind',
      'receiver.name as to_name',
      'receiver.kind as to_kind',
    ])
    .where('referrals.id', '=', id)
    .where(referralVisibleTo(actor))
    .executeTakeFirst();
  const audited = options.audit !== false && !db.isTransaction;
  if (!row) {
    if (audited)
      await recordAudit(db as Kysely<Database>, actor, {
        action: 'referrals.read',
        entityType: 'referral',
        entityId: id,
        outcome: 'denied',
      });
    throw notFound(translate(actor.locale, 'referrals.entity'), id);
  }
  const [actions, clocks] = await Promise.all([
    db
      .selectFrom('referral_actions')
      .where(systemScope('the referral read through referralVisibleTo above'))
      .select([
        'seq',
        'type',
        'status_after',
        'actor_label',
        'occurred_at',
        'payload',
        'accountable_user_id',
        'actor_user_id',
      ])
      .where('referral_id', '=', id)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('clocks')
      .select(['rule', 'due_at', 'state', escalationLevelOf('clocks.id')])
      .where('subject_type', '=', 'referral')
      .where('subject_id', '=', id)
      .orderBy('started_at')
      .execute(),
  ]);
  const state: ReferralState = foldLog(
    referralStatusTable,
    actions.map((a) => ({ type: a.type as ReferralActionType, by: a.accountable_user_id ?? a.actor_user_id })),
  );
  if (audited)
    await recordAudit(db as Kysely<Database>, actor, {
      action: 'referrals.read',
      entityType: 'referral',
      entityId: id,
      childId: row.child_id,
    });
  return {
    id: row.id,
    child: { id: row.child_id, name: row.child_name },
    caseId: row.case_id,
    from: { id: row.from_org_id, name: row.from_name, kind: row.from_kind as ReferralView['from']['kind'] },
    to: { id: row.to_org_id, name: row.to_name, kind: row.to_kind as ReferralView['to']['kind'] },
    service: row.service as ReferralView['service'],
    shares: row.shares as ReferralView['shares'],
    documentIds: row.document_ids,
    reason: row.reason,
    dueOn: row.due_on,
    consent: row.consent,
    status: state.status,
    seq: row.seq,
    createdAt: row.created_at.toISOString(),
    actions: actions.map((a) => ({
      seq: a.seq,
      type: a.type,
      statusAfter: a.status_after,
      actorLabel: a.actor_label,
      occurredAt: a.occurred_at.toISOString(),
      payload: a.payload,
    })),
    clocks: clocks.map((c) => ({
      rule: c.rule as ReferralView['clocks'][number]['rule'],
      dueAt: c.due_at.toISOString(),
      state: c.state,
      escalationLevel: c.escalation_level,
    })),
    allowedActions: referralActionsFor(state, asker(actor), sides(actor, row)),
  };
}

/** My organisation's referrals (sent, received or both), or those of a child in my area; newest first. */
export async function listReferrals(
  db: Kysely<Database>,
  actor: Actor,
  query: ReferralListQuery,
  now = new Date(),
): Promise<ReferralList> {
  if (!hasPermission(actor, 'referrals.read')) throw forbidden('referrals.read');
  const org = actor.organisationId ?? '00000000-0000-0000-0000-000000000000';
  let q = db
    .selectFrom('referrals')
    .innerJoin('referral_actions as last', (join) =>
      join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
    )
    .innerJoin('children', 'children.id', 'referrals.child_id')
    .innerJoin('organisations as sender', 'sender.id', 'referrals.from_org_id')
    .innerJoin('organisations as receiver', 'receiver.id', 'referrals.to_org_id')
    .select((eb) => [
      'referrals.id',
      'referrals.child_id',
      'referrals.from_org_id',
      'referrals.to_org_id',
      'referrals.service',
      'referrals.seq',
      'referrals.created_at',
      'last.status_after',
      'children.name as child_name',
      'sender.name as from_name',
      'sender.kind as from_kind',
      'receiver.name as to_name',
      'receiver.kind as to_kind',
      eb
        .selectFrom('clocks')
        .select(sql<Date>`min(clocks.due_at)`.as('due'))
        .where('clocks.subject_type', '=', 'referral')
        .whereRef('clocks.subject_id', '=', sql.ref('referrals.id'))
        .where('clocks.state', '=', 'running')
        .as('due_at'),
    ])
    .where(referralVisibleTo(actor));
  if (query.direction === 'incoming') q = q.where('referrals.to_org_id', '=', org);
  if (query.direction === 'outgoing') q = q.where('referrals.from_org_id', '=', org);
  if (query.status) q = q.where('last.status_after', '=', query.status);
  if (query.childId) q = q.where('referrals.child_id', '=', query.childId);
  const rows = await q.orderBy('referrals.created_at', 'desc').limit(200).execute();
  return {
    items: rows.map((row) => {
      const status = row.status_after as ReferralStatus;
      const due = row.due_at ? new Date(row.due_at) : null;
      return {
        id: row.id,
        child: { id: row.child_id, name: row.child_name },
        from: { id: row.from_org_id, name: row.from_name, kind: row.from_kind as ReferralView['from']['kind'] },
        to: { id: row.to_org_id, name: row.to_name, kind: row.to_kind as ReferralView['to']['kind'] },
        service: row.service as ReferralView['service'],
        status,
        seq: row.seq,
        createdAt: row.created_at.toISOString(),
        dueAt: due ? due.toISOString() : null,
        overdue: due !== null && due < now,
        incoming: row.to_org_id === actor.organisationId,
        // Four eyes play no part in referrals: the status, the permission and the side decide.
        allowedActions: referralActionsFor(
          { status, seq: row.seq, previous: null, lastBy: {} },
          asker(actor),
          sides(actor, row),
        ),
      };
    }),
  };
}
