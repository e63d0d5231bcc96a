import { type Kysely, sql, type Transaction } from 'kysely';
import type { NeedView } from '../../contract/charity/views.js';
import type {
  DonationForm,
  NeedKind,
  NeedSource,
  NeedStatus,
  NeedUserAction,
} from '../../contract/charity/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { actionsOfStatus } from '../../core/workflow/rules.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { needVisibleTo } from './access.js';
import { needStatusTable } from './rules.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;
const fen = (value: string | null) => (value === null ? null : Number(value));

function needQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('charity_needs')
    .innerJoin('charity_need_actions as last', (join) =>
      join.onRef('last.need_id', '=', 'charity_needs.id').onRef('last.seq', '=', 'charity_needs.seq'),
    )
    .leftJoin('organisations as raiser', 'raiser.id', 'charity_needs.raised_by_org_id')
    .leftJoin('divisions as county', (join) =>
      join.on('county.code', '=', sql<string>`rpad(left(charity_needs.division_code, 6), 12, '0')`),
    )
    .leftJoin('donations as d', 'd.need_id', 'charity_needs.id')
    .leftJoin('organisations as charity', 'charity.id', 'd.charity_org_id')
    .leftJoin('volunteers as v', 'v.id', 'charity_needs.volunteer_id')
    .where(needVisibleTo(actor))
    .select((eb) => [
      'charity_needs.id',
      'charity_needs.seq',
      'charity_needs.kind',
      'charity_needs.source',
      'charity_needs.description',
      'charity_needs.amount_fen',
      'charity_needs.division_code',
      'charity_needs.created_at',
      'charity_needs.receipt_number',
      'charity_needs.handed_on',
      'charity_needs.received_by',
      'last.status_after',
      'raiser.name as raiser_name',
      'county.name as county_name',
      'd.id as donation_id',
      'd.form as donation_form',
      'd.amount_fen as donation_fen',
      'd.goods as donation_goods',
      'charity.name as charity_name',
      'v.id as volunteer_id',
      'v.name as volunteer_name',
      // Identity only where the reader sees the child (its area, or a referral that shares it).
      eb
        .selectFrom('children')
        .select('children.name')
        .whereRef('children.id', '=', 'charity_needs.child_id')
        .where(childInScope(actor))
        .as('child_name'),
      eb
        .selectFrom('children')
        .select('children.id')
        .whereRef('children.id', '=', 'charity_needs.child_id')
        .where(childInScope(actor))
        .as('child_id'),
    ]);
}

type NeedRow = Awaited<ReturnType<ReturnType<typeof needQuery>['executeTakeFirstOrThrow']>>;

/** Fen as yuan, grouped, from the integers (1200.00 yuan → 1,200.00): never a float of money. */
function yuanText(fen: number): string {
  const whole = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(fen % 100).padStart(2, '0')}`;
}

function present(actor: Actor, row: NeedRow): NeedView {
  const status = row.status_after as NeedStatus;
  const allowed = (actionsOfStatus(needStatusTable, status) as NeedUserAction[]).filter((action) =>
    hasPermission(actor, needStatusTable.actions[action].permission),
  );
  const items =
    row.donation_form === 'cash'
      ? `${translate(actor.locale, 'charity.receipt_cash')} ${yuanText(Number(row.donation_fen))}`
      : (row.donation_goods ?? row.volunteer_name ?? '');
  return {
    id: row.id,
    seq: row.seq,
    status,
    kind: row.kind as NeedKind,
    source: row.source as NeedSource,
    description: row.description,
    amountFen: fen(row.amount_fen),
    county: row.county_name ?? row.division_code.slice(0, 6),
    childName: row.child_name ?? null,
    childId: row.child_id ?? null,
    raisedBy: row.raiser_name ?? '',
    raisedAt: new Date(row.created_at).toISOString(),
    donation: row.donation_id
      ? {
          id: row.donation_id,
          form: row.donation_form as DonationForm,
          amountFen: fen(row.donation_fen),
          goods: row.donation_goods,
        }
      : null,
    volunteer: row.volunteer_id && row.volunteer_name ? { id: row.volunteer_id, name: row.volunteer_name } : null,
    receipt:
      row.receipt_number && row.handed_on
        ? {
            number: row.receipt_number,
            handedOn: String(row.handed_on),
            receivedBy: row.received_by ?? '',
            charity: row.charity_name ?? '',
            items,
            amountFen: row.donation_form === 'cash' ? fen(row.donation_fen) : null,
          }
        : null,
    allowedActions: allowed,
  };
}

export async function readNeed(db: Db, actor: Actor, id: string): Promise<NeedView> {
  const row = await needQuery(db, actor).where('charity_needs.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(translate(actor.locale, 'charity.need_entity'), id);
  return present(actor, row);
}

/** The needs I see, newest first (a charity sees those where it works, without the child's identity). */
export async function listNeeds(
  db: Db,
  actor: Actor,
  query: { status?: NeedStatus; childId?: string },
): Promise<NeedView[]> {
  let q = needQuery(db, actor);
  if (query.status) q = q.where('last.status_after', '=', query.status);
  if (query.childId) q = q.where('charity_needs.child_id', '=', query.childId);
  const rows = await q.orderBy('charity_needs.created_at', 'desc').limit(200).execute();
  return rows.map((row) => present(actor, row));
}
