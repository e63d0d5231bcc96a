import { type Kysely, sql } from 'kysely';
import { childInScope } from '../../../core/scope/child-scope.js';
import { ancestorCodes, isWithin, levelOf, subtreePrefix } from '../../../core/places.js';
import { systemScope } from '../../../core/scope/system-scope.js';
import { type Actor, hasPermission } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound } from '../../../platform/errors.js';
import { translate } from '../../../platform/i18n/translate.js';
import { loadRuleSets } from '../../../platform/rules/store.js';
import { benefitRules } from '../rule-sections.js';
import { nationalCategoryOf, standardOn } from '../rules.js';
import { type PaidLine, explainChanges } from './changes.js';
import { computeLines, type Entitlement, MissingStandard, type StandardLookup } from './compute.js';
import { insertChanges, insertLines } from './insert-rows.js';
import './tables.js';
import '../messages.js';

type Db = Kysely<Database>;
type Trx = UnitOfWork['trx'];

/** The county a run is for: a county-level code in the caller's jurisdiction, else 404 (400 when not a county). */
export function requireCounty(actor: Actor, code: string): string {
  if (levelOf(code) !== 'county')
    throw new DomainError('benefits.payment_not_county', 400, { code }, [
      { path: 'body.county', code: 'benefits.payment_not_county' },
    ]);
  const inScope =
    actor.kind === 'system' || (actor.childJurisdiction ?? actor.jurisdiction).some((j) => isWithin(code, j));
  if (!inScope) throw notFound(translate(actor.locale, 'benefits.payment_county_entity'), code);
  return code;
}

/** The place as people name it: its county, township and own name, with its code. */
async function placeName(trx: Trx, code: string): Promise<string> {
  const codes = [...ancestorCodes(code).slice(2), code];
  // Division names are reference data every feature reads (as the service matrix does).
  const rows = await trx
    .selectFrom('divisions')
    .select(['code', 'name'])
    .where('code', 'in', codes)
    .where('valid_to', 'is', null)
    .execute();
  const names = codes.map((c) => rows.find((r) => r.code === c)?.name).filter(Boolean);
  return names.length > 0 ? `${names.join('')}（${code}）` : code;
}

/** Approved (or since ended) benefits of the county's children in the caller's scope, with suspensions and renewals. */
export async function entitlementsOf(trx: Trx | Db, actor: Actor, county: string): Promise<Entitlement[]> {
  const rows = await trx
    .selectFrom('benefit_applications as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .innerJoin('benefit_application_actions as approve', (join) =>
      join.onRef('approve.application_id', '=', 'a.id').on('approve.type', '=', 'approve'),
    )
    .leftJoin('benefit_application_actions as ending', (join) =>
      join.onRef('ending.application_id', '=', 'a.id').on('ending.type', '=', 'end'),
    )
    .leftJoin('benefit_renewals as r', 'r.application_id', 'a.id')
    .where(childInScope(actor))
    .where('a.division_code', 'like', `${subtreePrefix(county)}%`)
    .where('a.status', 'in', ['approved', 'ended'])
    .select([
      'a.id',
      'a.child_id',
      'a.benefit_type',
      'a.division_code',
      'children.birth_date',
      sql<string>`approve.payload->>'payFrom'`.as('pay_from'),
      sql<
        string | null
      >`coalesce(ending.payload->>'exitedOn', to_char(ending.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'))`.as(
        'ended_on',
      ),
      sql<string | null>`ending.payload->>'reason'`.as('end_reason'),
      'r.status as renewal_status',
      sql<string | null>`to_char(r.renewed_until, 'YYYY-MM-DD')`.as('renewed_until'),
    ])
    .execute();
  const suspensions = await trx
    .selectFrom('benefit_payment_suspensions as s')
    .innerJoin('children', 'children.id', 's.child_id')
    .where(childInScope(actor))
    .innerJoin('benefit_applications as a', 'a.id', 's.application_id')
    .where('a.division_code', 'like', `${subtreePrefix(county)}%`)
    .select([
      's.application_id',
      sql<string>`to_char(s.from_month, 'YYYY-MM-DD')`.as('from_month'),
      sql<string | null>`to_char(s.resume_month, 'YYYY-MM-DD')`.as('resume_month'),
      's.pay_arrears',
    ])
    .execute();
  const byApplication = new Map<string, Entitlement['suspensions'][number][]>();
  for (const s of suspensions) {
    const list = byApplication.get(s.application_id) ?? [];
    list.push({ fromMonth: s.from_month, resumeMonth: s.resume_month, payArrears: s.pay_arrears });
    byApplication.set(s.application_id, list);
  }
  return rows.map((row) => ({
    applicationId: row.id,
    childId: row.child_id,
    benefitType: row.benefit_type,
    divisionCode: row.division_code,
    payFrom: row.pay_from,
    endedOn: row.ended_on,
    endReason: row.end_reason,
    birthDate: row.birth_date,
    suspensions: byApplication.get(row.id) ?? [],
    renewal: row.renewal_status ? { status: row.renewal_status, renewedUntil: row.renewed_until } : null,
  }));
}

/** Standards, rule versions and top-up groups from the rule sets, resolved once per township and month. */
async function standardLookup(
  trx: Trx | Db,
): Promise<StandardLookup & { categoryOf(d: string, t: string, m: string): string }> {
  const resolver = await loadRuleSets(trx);
  const cache = new Map<string, ReturnType<typeof resolver.for>>();
  const at = (division: string, month: string) => {
    const key = `${division}|${month}`;
    const found = cache.get(key);
    if (found) return found;
    const set = resolver.for(division, month);
    cache.set(key, set);
    return set;
  };
  return {
    standard: (d, t, m) => standardOn(at(d, m).get(benefitRules), t, m),
    rulesVersion: (d, m) => at(d, m).version,
    topUpGroup: (d, t, m) => {
      const index = at(d, m)
        .get(benefitRules)
        .topUpGroups.findIndex((g) => g.includes(t));
      return index < 0 ? null : index;
    },
    categoryOf: (d, t, m) => nationalCategoryOf(at(d, m).get(benefitRules), t),
  };
}

const monthText = (month: string) => month.slice(0, 7);

/**
 * The county's payment run for a month. Runs are serialised per county (an advisory lock) and
 * unique per county and month: a second run of the same month returns the first, and a line is
 * unique per benefit and month paid for, so nothing is paid twice. A standard missing for a month
 * to be paid refuses the whole run, naming the benefit, the place and the year.
 */
export async function runPaymentsIn(
  uow: UnitOfWork,
  input: { county: string; month: string },
  now: Date,
): Promise<{ runId: string; created: boolean }> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'benefits.pay')) throw forbidden('benefits.pay');
  const county = requireCounty(actor, input.county);
  const month = `${input.month}-01`;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`benefit-payments:${county}`}))`.execute(trx);
  const existing = await trx
    .selectFrom('benefit_payment_runs')
    .select('id')
    .where('division_code', '=', county)
    .where('month', '=', month)
    .executeTakeFirst();
  if (existing) return { runId: existing.id, created: false };

  const entitlements = await entitlementsOf(trx, actor, county);
  const earlierRuns = await trx
    .selectFrom('benefit_payment_runs')
    .select(['id', sql<string>`to_char(month, 'YYYY-MM-DD')`.as('month')])
    .where('division_code', '=', county)
    .orderBy('month')
    .execute();
  const firstMonth = earlierRuns[0] && earlierRuns[0].month < month ? earlierRuns[0].month : month;
  const previousRun = earlierRuns.filter((r) => r.month < month).at(-1) ?? null;
  const paidRows = await trx
    .selectFrom('benefit_payment_lines as l')
    .innerJoin('benefit_payment_runs as r', 'r.id', 'l.run_id')
    .where(systemScope('lines of runs of a county the caller was checked to hold'))
    .where('r.division_code', '=', county)
    .select(['l.application_id', sql<string>`to_char(l.for_month, 'YYYY-MM-DD')`.as('for_month')])
    .execute();
  const paid = new Set(paidRows.map((r) => `${r.application_id}|${r.for_month}`));
  const lookup = await standardLookup(trx);
  let lines: ReturnType<typeof computeLines>;
  try {
    lines = computeLines(entitlements, month, firstMonth, paid, lookup);
  } catch (error) {
    if (!(error instanceof MissingStandard)) throw error;
    const benefit = error.benefitType.startsWith('local.')
      ? error.benefitType
      : `${error.benefitType} ${translate(actor.locale, `benefits.type.${error.benefitType}`)}`;
    throw new DomainError(
      'benefits.standard_missing',
      409,
      { benefit, place: await placeName(trx, error.divisionCode), year: error.month.slice(0, 4) },
      { benefitType: error.benefitType, divisionCode: error.divisionCode, year: Number(error.month.slice(0, 4)) },
    );
  }
  const previousLines: PaidLine[] = previousRun
    ? (
        await trx
          .selectFrom('benefit_payment_lines')
          .where(systemScope('lines of the county run found just above'))
          .select([
            'application_id',
            'child_id',
            'benefit_type',
            sql<string>`to_char(for_month, 'YYYY-MM-DD')`.as('for_month'),
            'standard_fen',
            'offset_fen',
            'amount_fen',
          ])
          .where('run_id', '=', previousRun.id)
          .execute()
      ).map((l) => ({
        applicationId: l.application_id,
        childId: l.child_id,
        benefitType: l.benefit_type,
        forMonth: l.for_month,
        standardFen: l.standard_fen,
        offsetFen: l.offset_fen,
        amountFen: l.amount_fen,
      }))
    : [];
  const changes = explainChanges(
    previousRun ? { month: previousRun.month, lines: previousLines } : null,
    month,
    lines,
    new Map(entitlements.map((e) => [e.applicationId, e])),
  );
  const total = lines.reduce((sum, l) => sum + l.amountFen, 0);
  const arrears = lines.filter((l) => l.arrears).reduce((sum, l) => sum + l.amountFen, 0);
  const run = await trx
    .insertInto('benefit_payment_runs')
    .values({
      run_no: `FF${county.slice(0, 6)}-${month.slice(0, 4)}${month.slice(5, 7)}`,
      division_code: county,
      month,
      child_count: new Set(lines.map((l) => l.childId)).size,
      line_count: lines.length,
      total_fen: total,
      arrears_fen: arrears,
      created_by: actor.userId,
      created_org_id: actor.organisationId,
      created_by_label: actor.label,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const entitlementOf = new Map(entitlements.map((e) => [e.applicationId, e]));
  await insertLines(
    trx,
    run.id,
    lines.map((l) => ({
      ...l,
      nationalCategory: lookup.categoryOf(entitlementOf.get(l.applicationId)!.divisionCode, l.benefitType, l.forMonth),
    })),
  );
  await insertChanges(trx, run.id, changes);
  uow.audit({
    entityType: 'benefit_payment_run',
    entityId: run.id,
    details: { county, month: monthText(month), lines: lines.length, totalFen: total, changes: changes.length },
  });
  return { runId: run.id, created: true };
}

export async function runPayments(
  db: Db,
  actor: Actor,
  input: { county: string; month: string },
  now: Date = new Date(),
): Promise<{ runId: string; created: boolean }> {
  if (!hasPermission(actor, 'benefits.pay')) throw forbidden('benefits.pay');
  requireCounty(actor, input.county);
  const { result } = await unitOfWork(db, actor, 'benefit_payment_run.create', (uow) => runPaymentsIn(uow, input, now));
  return result;
}
