import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  IncubationList,
  IncubationSupportKind,
  IncubationUserAction,
  IncubationView,
} from '../../contract/projects/incubation.js';
import type { IncubationActionType, IncubationStatus } from '../../contract/projects/incubation.js';
import type { ServiceCode } from '../../contract/service-matrix/vocabulary.js';
import { hasPermission, type Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { incubationVisibleTo } from './access.js';
import { countiesOf, divisionNames } from './places.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;
const userActions: IncubationUserAction[] = ['record_milestone', 'record_support', 'register', 'end'];

function incubationQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('incubations')
    .innerJoin('incubation_actions as last', (join) =>
      join.onRef('last.incubation_id', '=', 'incubations.id').onRef('last.seq', '=', 'incubations.seq'),
    )
    .leftJoin('organisations as owner', 'owner.id', 'incubations.owner_org_id')
    .where(incubationVisibleTo(actor))
    .select([
      'incubations.id',
      'incubations.seq',
      'incubations.name',
      'incubations.incubator',
      'incubations.division_code',
      'incubations.starts_on',
      'incubations.planned_end_on',
      'incubations.services',
      'incubations.note',
      'last.status_after',
      'owner.name as owner_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof incubationQuery>['execute']>>[number];
interface Entry {
  incubation_id: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor_label: string;
  occurred_at: Date;
}

/** Milestones, support and the outcome are read from the log's payloads (nothing is typed twice). */
function present(actor: Actor, row: Row, entries: Entry[], counties: Map<string, string>, today: string) {
  const status = row.status_after as IncubationStatus;
  const payloads = (type: IncubationActionType) => entries.filter((e) => e.type === type).map((e) => e.payload);
  const support = payloads('record_support').map((p) => ({
    kind: p.kind as IncubationSupportKind,
    givenOn: String(p.givenOn),
    amountFen: typeof p.amountFen === 'number' ? p.amountFen : null,
    note: typeof p.note === 'string' ? p.note : null,
  }));
  const closing = entries.find((e) => e.type === 'register' || e.type === 'end')?.payload;
  const mayAct = hasPermission(actor, 'projects.manage');
  const countyCode = row.division_code.slice(0, 6).padEnd(12, '0');
  const view: IncubationView = {
    id: row.id,
    seq: row.seq,
    status,
    name: row.name,
    incubator: row.incubator,
    divisionCode: row.division_code,
    county: { code: countyCode, name: counties.get(countyCode) ?? countyCode },
    startsOn: row.starts_on,
    plannedEndOn: row.planned_end_on,
    overdue: status === 'incubating' && row.planned_end_on < today,
    services: row.services as ServiceCode[],
    note: row.note,
    milestones: payloads('record_milestone').map((p) => ({ title: String(p.title), reachedOn: String(p.reachedOn) })),
    support,
    seedFundingFen: support.reduce((sum, s) => sum + (s.amountFen ?? 0), 0),
    outcome: closing
      ? {
          on: String(closing.registeredOn ?? closing.endedOn),
          registrationNumber: typeof closing.registrationNumber === 'string' ? closing.registrationNumber : null,
          reason: typeof closing.reason === 'string' ? closing.reason : null,
        }
      : null,
    log: entries.map((e) => ({
      seq: e.seq,
      type: e.type as IncubationActionType,
      by: e.actor_label,
      at: new Date(e.occurred_at).toISOString(),
    })),
    recordedBy: row.owner_name ?? '',
    mayAct,
    allowedActions: mayAct && status === 'incubating' ? userActions : [],
  };
  return view;
}

async function presentAll(db: Db, actor: Actor, rows: Row[]): Promise<IncubationView[]> {
  if (rows.length === 0) return [];
  const entries = await db
    .selectFrom('incubation_actions')
    .select(['incubation_id', 'seq', 'type', 'payload', 'actor_label', 'occurred_at'])
    .where(
      'incubation_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('seq')
    .execute();
  const counties = await divisionNames(
    db,
    rows.map((r) => r.division_code.slice(0, 6).padEnd(12, '0')),
  );
  const today = shanghaiDateOf(new Date());
  return rows.map((row) =>
    present(
      actor,
      row,
      entries.filter((e) => e.incubation_id === row.id),
      counties,
      today,
    ),
  );
}

export async function readIncubation(db: Db, actor: Actor, id: string): Promise<IncubationView> {
  const row = await incubationQuery(db, actor).where('incubations.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(translate(actor.locale, 'incubation.entity'), id);
  const [view] = await presentAll(db, actor, [row]);
  return view as IncubationView;
}

/**
 * The incubations I see (those under way first), and the counties of my area where one is under way
 * now — shown beside the coverage's "counties with none".
 */
export async function listIncubations(db: Db, actor: Actor): Promise<IncubationList> {
  const rows = await incubationQuery(db, actor)
    .orderBy(sql`last.status_after = 'incubating'`, 'desc')
    .orderBy('incubations.starts_on', 'desc')
    .limit(500)
    .execute();
  const incubations = await presentAll(db, actor, rows);
  const mine = new Set(
    (await countiesOf(db, actor.childJurisdiction ?? actor.jurisdiction)).map((county) => county.code),
  );
  const under = new Map<string, { code: string; name: string; incubating: number }>();
  for (const view of incubations) {
    if (view.status !== 'incubating' || !mine.has(view.county.code)) continue;
    const entry = under.get(view.county.code) ?? { ...view.county, incubating: 0 };
    entry.incubating += 1;
    under.set(view.county.code, entry);
  }
  return { incubations, countiesIncubating: [...under.values()].sort((a, b) => a.code.localeCompare(b.code)) };
}
