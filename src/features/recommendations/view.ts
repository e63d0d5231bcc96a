import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  RecommendationList,
  RecommendationListQuery,
  RecommendationView,
} from '../../contract/recommendations/views.js';
import type { RecommendationActionType, RecommendationStatus } from '../../contract/recommendations/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { foldLog } from '../../core/workflow/rules.js';
import { type Actor, accountableUserId, hasPermission } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { escalationLevelOf } from '../../core/clocks/index.js';
import '../../core/clocks/tables.js';
import { recommendationVisibleTo } from './access.js';
import { type RecommendationState, recommendationActionsFor, recommendationStatusTable } from './rules.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;
type Kind = RecommendationView['from']['kind'];

const asker = (actor: Actor) => ({
  can: (p: string) => hasPermission(actor, p),
  accountableUserId: accountableUserId(actor),
});
const sides = (actor: Actor, row: { from_org_id: string; to_org_id: string }) => ({
  issuer: actor.organisationId === row.from_org_id,
  addressee: actor.organisationId === row.to_org_id,
});
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** One recommendation as the issuer, the addressee or the child's government bodies read it (audited). */
export async function readRecommendation(
  db: Db,
  actor: Actor,
  id: string,
  options: { audit?: boolean } = {},
  now = new Date(),
): Promise<RecommendationView> {
  if (!hasPermission(actor, 'recommendations.read')) throw forbidden('recommendations.read');
  const row = await db
    .selectFrom('recommendations')
    .innerJoin('organisations as issuer', 'issuer.id', 'recommendations.from_org_id')
    .innerJoin('organisations as addressee', 'addressee.id', 'recommendations.to_org_id')
    .select((eb) => [
      'recommendations.id',
      'recommendations.reference',
      'recommendations.from_org_id',
      'recommendations.to_org_id',
      'recommendations.child_id',
      'recommendations.case_id',
      'recommendations.facts',
      'recommendations.recommends',
      'recommendations.seq',
      'recommendations.created_at',
      'issuer.name as from_name',
      'issuer.kind as from_kind',
      'addressee.name as to_name',
      'addressee.kind as to_kind',
      // The child is named only to those who have it in scope; the addressee learns only that there is one.
      eb
        .selectFrom('children')
        .select('children.name')
        .whereRef('children.id', '=', 'recommendations.child_id')
        .where(childInScope(actor))
        .as('child_name'),
    ])
    .where('recommendations.id', '=', id)
    .where(recommendationVisibleTo(actor))
    .executeTakeFirst();
  const audited = options.audit !== false && !db.isTransaction;
  if (!row) {
    if (audited)
      await recordAudit(db as Kysely<Database>, actor, {
        action: 'recommendations.read',
        entityType: 'recommendation',
        entityId: id,
        outcome: 'denied',
      });
    throw notFound(translate(actor.locale, 'recommendations.entity'), id);
  }
  const [actions, clocks] = await Promise.all([
    db
      .selectFrom('recommendation_actions')
      .where(systemScope('the recommendation read through recommendationVisibleTo above'))
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
      .where('recommendation_id', '=', id)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('clocks')
      .where(systemScope('the clocks of the recommendation read through recommendationVisibleTo above'))
      .select(['rule', 'due_at', 'state', escalationLevelOf('clocks.id')])
      .where('subject_type', '=', 'recommendation')
      .where('subject_id', '=', id)
      .orderBy('started_at')
      .execute(),
  ]);
  const state: RecommendationState = foldLog(
    recommendationStatusTable,
    actions.map((a) => ({ type: a.type as RecommendationActionType, by: a.accountable_user_id ?? a.actor_user_id })),
  );
  if (audited)
    await recordAudit(db as Kysely<Database>, actor, {
      action: 'recommendations.read',
      entityType: 'recommendation',
      entityId: id,
      childId: row.child_name === null ? null : row.child_id,
    });
  const lastReply = [...actions].reverse().find((a) => a.type === 'reply');
  const litigation = [...actions].reverse().find((a) => a.type === 'note_litigation');
  const lastClock = clocks.at(-1);
  const running = clocks.find((c) => c.state === 'running');
  const seesChild = row.child_id !== null && row.child_name !== null;
  return {
    id: row.id,
    reference: row.reference,
    from: { id: row.from_org_id, name: row.from_name, kind: row.from_kind as Kind },
    to: { id: row.to_org_id, name: row.to_name, kind: row.to_kind as Kind },
    aboutChild: row.child_id !== null,
    child: seesChild ? { id: row.child_id as string, name: row.child_name as string } : null,
    caseId: seesChild ? row.case_id : null,
    facts: row.facts,
    recommends: row.recommends,
    issuedAt: row.created_at.toISOString(),
    status: state.status,
    seq: row.seq,
    replyDueAt: lastClock ? lastClock.due_at.toISOString() : null,
    overdue: running !== undefined && running.due_at < now,
    reply: lastReply
      ? {
          text: String(lastReply.payload.text ?? ''),
          documentReference: text(lastReply.payload.documentReference),
          repliedAt: lastReply.occurred_at.toISOString(),
          by: lastReply.actor_label,
        }
      : null,
    litigation: litigation
      ? {
          filedOn: String(litigation.payload.filedOn),
          court: String(litigation.payload.court),
          note: text(litigation.payload.note),
        }
      : null,
    actions: actions.map((a) => ({
      seq: a.seq,
      type: a.type,
      statusAfter: a.status_after,
      actorLabel: a.actor_label,
      occurredAt: a.occurred_at.toISOString(),
      payload: a.payload,
    })),
    clocks: clocks.map((c) => ({
      rule: c.rule as RecommendationView['clocks'][number]['rule'],
      dueAt: c.due_at.toISOString(),
      state: c.state,
      escalationLevel: c.escalation_level,
    })),
    allowedActions: recommendationActionsFor(state, asker(actor), sides(actor, row)),
  };
}

/**
 * My unit's recommendations: those my procuratorate issued (with their replies) and those addressed
 * to my unit; overdue first, then newest.
 */
export async function listRecommendations(
  db: Kysely<Database>,
  actor: Actor,
  query: RecommendationListQuery,
  now = new Date(),
): Promise<RecommendationList> {
  if (!hasPermission(actor, 'recommendations.read')) throw forbidden('recommendations.read');
  const org = actor.organisationId ?? '00000000-0000-0000-0000-000000000000';
  let q = db
    .selectFrom('recommendations')
    .innerJoin('recommendation_actions as last', (join) =>
      join.onRef('last.recommendation_id', '=', 'recommendations.id').onRef('last.seq', '=', 'recommendations.seq'),
    )
    .innerJoin('organisations as issuer', 'issuer.id', 'recommendations.from_org_id')
    .innerJoin('organisations as addressee', 'addressee.id', 'recommendations.to_org_id')
    .select((eb) => [
      'recommendations.id',
      'recommendations.reference',
      'recommendations.from_org_id',
      'recommendations.to_org_id',
      'recommendations.recommends',
      'recommendations.seq',
      'recommendations.created_at',
      'last.status_after',
      'issuer.name as from_name',
      'issuer.kind as from_kind',
      'addressee.name as to_name',
      'addressee.kind as to_kind',
      eb
        .selectFrom('clocks')
        .select(sql<Date>`min(clocks.due_at)`.as('due'))
        .where('clocks.subject_type', '=', 'recommendation')
        .whereRef('clocks.subject_id', '=', sql.ref('recommendations.id'))
        .where('clocks.state', '=', 'running')
        .as('due_at'),
      eb
        .selectFrom('recommendation_actions as r')
        .select(sql<Date>`max(r.occurred_at)`.as('replied'))
        .whereRef('r.recommendation_id', '=', 'recommendations.id')
        .where('r.type', '=', 'reply')
        .as('replied_at'),
      eb
        .exists(
          eb
            .selectFrom('recommendation_actions as l')
            .select(sql`1`.as('one'))
            .whereRef('l.recommendation_id', '=', 'recommendations.id')
            .where('l.type', '=', 'note_litigation'),
        )
        .as('litigation'),
    ])
    .where(recommendationVisibleTo(actor));
  if (query.direction === 'issued') q = q.where('recommendations.from_org_id', '=', org);
  if (query.direction === 'received') q = q.where('recommendations.to_org_id', '=', org);
  if (query.status) q = q.where('last.status_after', '=', query.status);
  const rows = await q.orderBy('recommendations.created_at', 'desc').limit(200).execute();
  const items = rows.map((row) => {
    const status = row.status_after as RecommendationStatus;
    const due = row.due_at ? new Date(row.due_at) : null;
    return {
      id: row.id,
      reference: row.reference,
      from: { id: row.from_org_id, name: row.from_name, kind: row.from_kind as Kind },
      to: { id: row.to_org_id, name: row.to_name, kind: row.to_kind as Kind },
      recommends: row.recommends,
      status,
      seq: row.seq,
      issuedAt: row.created_at.toISOString(),
      repliedAt: row.replied_at ? new Date(row.replied_at).toISOString() : null,
      dueAt: due ? due.toISOString() : null,
      overdue: due !== null && due < now,
      received: row.to_org_id === actor.organisationId,
      litigation: Boolean(row.litigation),
      // Four eyes play no part here: the status, the permission and the side decide.
      allowedActions: recommendationActionsFor(
        { status, seq: row.seq, previous: null, lastBy: {} },
        asker(actor),
        sides(actor, row),
      ),
    };
  });
  return { items: [...items.filter((i) => i.overdue), ...items.filter((i) => !i.overdue)] };
}
