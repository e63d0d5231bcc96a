import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { levelOf } from '../../core/places.js';
import type { StoredCount } from '../../contract/insight/problems.js';
import { institutionKinds } from '../../contract/placements/vocabulary.js';
import { guardianshipGradesOn } from '../assessments/service.js';
import { benefitPaymentsFor } from '../benefits/service.js';
import { directorTrainingAndAppraisalOn, villagesWithDirectorOn } from '../grassroots/service.js';
import { placementsRunningAt } from '../placements/service.js';
import { serviceBudgetsOn } from '../projects/service.js';
import { referralsDeclinedBetween } from '../referrals/service.js';
import { addFeatureCounts, CountSheet, writeSheet } from './snapshot-added-counts.js';
import { markedTable } from './snapshot-marks.js';
import { receiverSectors } from '../../contract/insight/indicators-added.js';
import { stagedCounts } from './snapshot-write.js';
import './snapshot-tables.js';

type Trx = Kysely<Database> | Transaction<Database>;

export interface SnapshotMoment {
  /** The month's first day (YYYY-MM-01), its first instant, the moment it describes, and that moment's day. */
  month: string;
  start: Date;
  at: Date;
  day: string;
}

const institutional = new Set<string>(institutionKinds);

/**
 * The other features' counts a run over the marked divisions recounts there only (their writers are
 * marked by migration 0187, their moves with time found by `markedDivisions`). The others are read
 * in full each run: days open, stays and their days move with the day in every place that has one.
 */
export const markedFeatureIndicators: readonly StoredCount[] = [
  'referrals.declined',
  ...receiverSectors.flatMap((sector): StoredCount[] => [
    `referrals.declined_${sector}`,
    `referrals.overdue_${sector}`,
  ]),
];

/**
 * The snapshot's counts whose rows belong to other features, read only through each feature's
 * exported read (assessments, placements, referrals, grassroots — directors posted, trained, appraised —, projects, benefits). Runs after
 * the core counts, whose `children.in_difficulty` rows it reuses for the villages where children live.
 */
export async function storeFeatureCounts(
  trx: Trx,
  moment: SnapshotMoment,
  marked: readonly string[] | null = null,
): Promise<number> {
  const onlyMarked = marked !== null;
  const { month, start, at, day } = moment;
  const sheet = new CountSheet();
  const add = (indicator: StoredCount, code: string, value: number) => sheet.add(indicator, code, value);

  const [grades, placements, declined, directed, budgets, payments, livedIn, directors] = await Promise.all([
    guardianshipGradesOn(trx, day),
    placementsRunningAt(trx, at),
    referralsDeclinedBetween(trx, start, at, marked),
    villagesWithDirectorOn(trx, day),
    serviceBudgetsOn(trx, day),
    benefitPaymentsFor(trx, month.slice(0, 7)),
    // A run over the marked divisions staged only theirs: the others' stand as stored.
    sql<{ code: string }>`SELECT division_code AS code FROM ${stagedCounts}
      WHERE indicator = 'children.in_difficulty'
      ${
        onlyMarked
          ? sql`UNION SELECT division_code FROM insight_snapshots WHERE month = ${month}::date
              AND indicator = 'children.in_difficulty' AND division_code NOT IN (SELECT division_code FROM ${markedTable})`
          : sql``
      }`.execute(trx),
    directorTrainingAndAppraisalOn(trx, day, at),
  ]);
  for (const row of grades) {
    add(`family.grade_${row.grade}`, row.divisionCode, row.children);
    add('family.assessed', row.divisionCode, row.children);
    add('family.grade_improved', row.divisionCode, row.improved);
    add(`security.risk_${row.riskGrade}`, row.divisionCode, row.children);
  }
  for (const row of placements) {
    add('family.state_guardianship', row.divisionCode, row.stateGuardianship);
    if (row.kind !== 'home') add('placements.away_from_home', row.divisionCode, row.children);
    if (institutional.has(row.kind)) {
      add('placements.institution', row.divisionCode, row.children);
      add('placements.institution_days', row.divisionCode, row.stayDays);
    }
    if (row.kind === 'rescue_station') add('placements.station_past_10_days', row.divisionCode, row.pastTenDays);
  }
  for (const row of declined) add('referrals.declined', row.divisionCode, row.declined);
  const withDirector = new Set(directed);
  for (const { code } of livedIn.rows) {
    if (levelOf(code) !== 'village') continue;
    add('grassroots.villages_with_children', code, 1);
    add(withDirector.has(code) ? 'grassroots.villages_directed' : 'grassroots.villages_without_director', code, 1);
  }
  for (const row of directors) {
    add('grassroots.directors', row.divisionCode, row.directors);
    add('grassroots.directors_trained', row.divisionCode, row.trained);
    add('grassroots.directors_appraised', row.divisionCode, row.appraised);
  }
  for (const row of budgets) {
    add('funding.service_budget_yuan', row.areaCode, Math.round(row.budgetFen / 100));
    add('funding.service_paid_yuan', row.areaCode, Math.round(row.paidFen / 100));
  }
  for (const row of payments) {
    add('security.children_paid', row.divisionCode, row.children);
    add('security.paid_yuan', row.divisionCode, Math.round(row.amountFen / 100));
  }

  await addFeatureCounts(
    trx,
    moment,
    sheet,
    livedIn.rows.map((row) => row.code),
    marked,
  );
  return writeSheet(trx, sheet);
}
