import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  PaymentChange,
  PaymentLine,
  PaymentRunSummary,
  PaymentRunView,
} from '../../../contract/benefits/payments.js';
import { childInScope } from '../../../core/scope/child-scope.js';
import { subtreePrefix } from '../../../core/places.js';
import { systemScope } from '../../../core/scope/system-scope.js';
import { type Actor, hasPermission } from '../../../platform/access/actor.js';
import { maskIdNumber } from '../../../platform/access/masking.js';
import type { Database } from '../../../platform/db/schema.js';
import { notFound } from '../../../platform/errors.js';
import { translate } from '../../../platform/i18n/translate.js';
import { requireCounty } from './run.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;
type RunRow = {
  id: string;
  run_no: string;
  division_code: string;
  county_name: string | null;
  month: string;
  child_count: number;
  line_count: number;
  total_fen: string;
  arrears_fen: string;
  created_by_label: string;
  created_at: Date;
};

const summaryOf = (row: RunRow): PaymentRunSummary => ({
  id: row.id,
  runNo: row.run_no,
  county: row.division_code,
  countyName: row.county_name ?? row.division_code,
  month: row.month.slice(0, 7),
  childCount: row.child_count,
  lineCount: row.line_count,
  totalFen: Number(row.total_fen),
  arrearsFen: Number(row.arrears_fen),
  createdBy: row.created_by_label,
  createdAt: row.created_at.toISOString(),
});

/** The runs the caller may see: of counties within its jurisdiction (a township's staff see none). */
function runsVisibleTo(actor: Actor) {
  if (actor.kind === 'system') return sql<boolean>`true`;
  const codes = actor.childJurisdiction ?? actor.jurisdiction;
  if (codes.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(
    codes.map((code) => sql`r.division_code LIKE ${`${subtreePrefix(code)}%`}`),
    sql` OR `,
  )})`;
}

function runs(db: Db, actor: Actor) {
  return db
    .selectFrom('benefit_payment_runs as r')
    .leftJoin('divisions as d', (join) => join.onRef('d.code', '=', 'r.division_code').on('d.valid_to', 'is', null))
    .where(systemScope('runs hold no child data; their lines are read through childInScope'))
    .where(runsVisibleTo(actor))
    .select([
      'r.id',
      'r.run_no',
      'r.division_code',
      'd.name as county_name',
      'r.month',
      'r.child_count',
      'r.line_count',
      'r.total_fen',
      'r.arrears_fen',
      'r.created_by_label',
      'r.created_at',
    ]);
}

export async function listPaymentRuns(
  db: Db,
  actor: Actor,
  query: { county?: string; page: number; pageSize: number },
): Promise<{ items: PaymentRunSummary[]; total: number }> {
  let base = runs(db, actor);
  if (query.county) base = base.where('r.division_code', '=', requireCounty(actor, query.county));
  const [rows, count] = await Promise.all([
    base
      .orderBy('r.month', 'desc')
      .orderBy('r.run_no')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.clearSelect().select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(summaryOf), total: Number(count.n) };
}

export async function readRunSummary(db: Db, actor: Actor, id: string): Promise<PaymentRunSummary> {
  const row = await runs(db, actor).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(translate(actor.locale, 'benefits.payment_run_entity'), id);
  return summaryOf(row);
}

/** Lines of a run, children through the caller's scope, ordered by township and child. */
export function runLines(db: Db, actor: Actor, runId: string) {
  return db
    .selectFrom('benefit_payment_lines as l')
    .innerJoin('children', 'children.id', 'l.child_id')
    .innerJoin('benefit_applications as a', 'a.id', 'l.application_id')
    .leftJoin('divisions as t', (join) =>
      join.onRef('t.code', '=', sql`rpad(substr(a.division_code, 1, 9), 12, '0')`).on('t.valid_to', 'is', null),
    )
    .where(childInScope(actor))
    .where('l.run_id', '=', runId)
    .select([
      'l.child_id',
      'children.name as child_name',
      'children.haven_code',
      'children.id_number',
      't.name as township',
      'l.application_id',
      'l.benefit_type',
      'l.national_category',
      'l.for_month',
      'l.standard_fen',
      'l.offset_fen',
      'l.amount_fen',
      'l.arrears',
    ])
    .orderBy('township')
    .orderBy('children.haven_code')
    .orderBy('l.benefit_type')
    .orderBy('l.for_month');
}

export type RunLineRow = Awaited<ReturnType<ReturnType<typeof runLines>['execute']>>[number];

export function lineOf(row: RunLineRow, unmask: boolean): PaymentLine {
  return {
    childId: row.child_id,
    childName: row.child_name,
    havenCode: row.haven_code,
    idNumber: unmask ? row.id_number : maskIdNumber(row.id_number),
    township: row.township ?? '',
    applicationId: row.application_id,
    benefitType: row.benefit_type,
    nationalCategory: row.national_category as PaymentLine['nationalCategory'],
    forMonth: row.for_month.slice(0, 7),
    standardFen: row.standard_fen,
    offsetFen: row.offset_fen,
    amountFen: row.amount_fen,
    arrears: row.arrears,
  };
}

export async function runChanges(db: Db, actor: Actor, runId: string): Promise<PaymentChange[]> {
  const rows = await db
    .selectFrom('benefit_payment_changes as c')
    .innerJoin('children', 'children.id', 'c.child_id')
    .where(childInScope(actor))
    .where('c.run_id', '=', runId)
    .select([
      'c.child_id',
      'children.name as child_name',
      'c.application_id',
      'c.benefit_type',
      'c.change',
      'c.reason',
      'c.previous_fen',
      'c.amount_fen',
      'c.params',
    ])
    .orderBy('c.change')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    childId: row.child_id,
    childName: row.child_name,
    applicationId: row.application_id,
    benefitType: row.benefit_type,
    change: row.change,
    reason: row.reason as PaymentChange['reason'],
    previousFen: row.previous_fen,
    amountFen: row.amount_fen,
    params: row.params as PaymentChange['params'],
  }));
}

/** A run with one page of its lines and all its explained changes. */
export async function readPaymentRun(
  db: Db,
  actor: Actor,
  id: string,
  page: { page: number; pageSize: number },
): Promise<PaymentRunView> {
  const summary = await readRunSummary(db, actor, id);
  const [lines, changes] = await Promise.all([
    runLines(db, actor, id)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    runChanges(db, actor, id),
  ]);
  const unmask = hasPermission(actor, 'children.unmask');
  return { ...summary, lines: lines.map((l) => lineOf(l, unmask)), changes, ...page };
}
