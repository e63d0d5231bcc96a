import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { StoredCount } from '../../contract/insight/problems.js';
import { type CaseStep, type ExitGroup, sectorOfKind } from '../../contract/insight/indicators-added.js';
import type { CaseStatus } from '../../contract/cases/vocabulary.js';
import type { ExitReason } from '../../contract/registry/exit.js';
import { caseServicesBetween } from '../case-network/service.js';
import { closureTimesBetween, openCasesAt, revocationsBetween } from '../cases/service.js';
import { conferenceOutcomesBetween } from '../joint-conference/service.js';
import { exitsBetween } from '../registry/service.js';
import { mandatedReportsBetween } from '../reports/service.js';
import { organisationsCountedAt } from '../organisations/service.js';
import { projectOutputsOn, socialWorkersAt } from '../projects/service.js';
import { referralsByReceiverBetween } from '../referrals/service.js';
import { matrixFindingsOn } from '../service-matrix/service.js';
import { socialOrganisationKinds } from '../../contract/projects/vocabulary.js';
import { levelOf } from '../../core/places.js';
import type { SnapshotMoment } from './snapshot-feature-counts.js';
import { stagedCounts } from './snapshot-write.js';
import './snapshot-tables.js';

type Trx = Kysely<Database> | Transaction<Database>;

/** The seed's four steps (and the follow-up after them) each case status belongs to. */
export const stepOfStatus: Record<Exclude<CaseStatus, 'closed'>, CaseStep> = {
  reported: 'report',
  acknowledged: 'report',
  emergency_response: 'emergency',
  assessment: 'assessment',
  assistance: 'assessment',
  guardianship_intervention: 'intervention',
  monitoring: 'monitoring',
  closure_requested: 'monitoring',
};

export const exitGroupOf: Record<ExitReason, ExitGroup> = {
  adoption_in_province: 'adopted',
  adoption_other_province: 'adopted',
  adoption_abroad: 'adopted',
  birth_parents_found: 'reunited',
  over_age: 'aged_out',
  independent_living: 'aged_out',
  death: 'died',
  hukou_moved: 'other',
  entry_error: 'other',
  other: 'other',
};

/** Collects counts per indicator and division: summed, or the largest for a largest-value count. */
export class CountSheet {
  readonly counts = new Map<string, number>();
  add(indicator: StoredCount, code: string, value: number) {
    if (value > 0) this.counts.set(`${indicator}|${code}`, (this.counts.get(`${indicator}|${code}`) ?? 0) + value);
  }
  largest(indicator: StoredCount, code: string, value: number) {
    if (value > 0)
      this.counts.set(`${indicator}|${code}`, Math.max(this.counts.get(`${indicator}|${code}`) ?? 0, value));
  }
}

/**
 * The counts added in session 12 whose rows belong to other features, each through the owning
 * feature's exported read: reports (mandated reporters), cases (steps, caseload, revocations),
 * case network (services), joint conference (escalations and action items), registry (exits).
 */
export async function addFeatureCounts(
  trx: Trx,
  moment: SnapshotMoment,
  sheet: CountSheet,
  livedIn: readonly string[],
  marked: readonly string[] | null = null,
): Promise<void> {
  const { month, start, at, day } = moment;
  const counties = [...new Set(livedIn.map((code) => code.slice(0, 6).padEnd(12, '0')))].filter(
    (code) => levelOf(code) === 'county',
  );
  const [
    mandated,
    open,
    revocations,
    services,
    conference,
    exits,
    findings,
    byReceiver,
    outputs,
    society,
    workers,
    closures,
  ] = await Promise.all([
    mandatedReportsBetween(trx, start, at),
    openCasesAt(trx, at),
    revocationsBetween(trx, month, day),
    caseServicesBetween(trx, start, at, day),
    conferenceOutcomesBetween(trx, start, at, day),
    exitsBetween(trx, month, day),
    matrixFindingsOn(trx, counties, day),
    referralsByReceiverBetween(trx, start, at, marked),
    projectOutputsOn(trx, day),
    organisationsCountedAt(trx, socialOrganisationKinds, at),
    socialWorkersAt(trx, at, Number(day.slice(0, 4))),
    closureTimesBetween(trx, '', 12, start, at),
  ]);
  for (const row of mandated) {
    sheet.add('reports.mandated', row.divisionCode, row.reports);
    sheet.add('reports.mandated_known', row.divisionCode, row.known);
    sheet.add('reports.mandated_in_time', row.divisionCode, row.inTime);
  }
  for (const row of open.byStatus) {
    if (row.status === 'closed') continue;
    sheet.add(`cases.step_${stepOfStatus[row.status]}`, row.divisionCode, row.cases);
    sheet.largest('cases.oldest_open_days', row.divisionCode, row.oldestDays);
  }
  // Report → closure, per case division: the month's first closures and their days summed (the mean).
  for (const row of closures) {
    if (row.divisionCode === null) continue;
    sheet.add('cases.report_closed', row.divisionCode, row.closed);
    sheet.add('cases.report_close_days', row.divisionCode, row.totalDays);
  }
  for (const row of open.load) {
    sheet.add('cases.managed', row.divisionCode, row.managed);
    sheet.add('cases.managers', row.divisionCode, row.managers);
    sheet.add('cases.lead_organisations', row.divisionCode, row.leadOrganisations);
  }
  for (const row of revocations) {
    sheet.add('family.revocations_filed', row.divisionCode, row.filed);
    sheet.add('family.revocations', row.divisionCode, row.revoked);
  }
  for (const row of services) {
    sheet.add('services.planned', row.divisionCode, row.planned);
    sheet.add('services.due', row.divisionCode, row.due);
    sheet.add('services.delivered_by_due', row.divisionCode, row.deliveredByDue);
  }
  for (const row of conference) {
    sheet.add('conference.escalated', row.divisionCode, row.escalated);
    sheet.add('conference.actions_done', row.divisionCode, row.done);
    sheet.add('conference.actions_cancelled', row.divisionCode, row.cancelled);
    sheet.add('conference.actions_overdue', row.divisionCode, row.overdue);
  }
  for (const row of exits) sheet.add(`security.exits_${exitGroupOf[row.reason]}`, row.divisionCode, row.children);
  for (const row of findings) {
    sheet.add('government.matrix_overlaps', row.countyCode, row.overlaps);
    sheet.add('government.matrix_gaps', row.countyCode, row.gaps);
  }
  for (const row of byReceiver) {
    const sector = sectorOfKind[row.receiverKind] ?? 'other';
    sheet.add(`referrals.declined_${sector}`, row.divisionCode, row.declined);
    sheet.add(`referrals.overdue_${sector}`, row.divisionCode, row.overdue);
  }
  for (const row of outputs) {
    sheet.add('funding.outputs_target', row.areaCode, row.target);
    sheet.add('funding.outputs_achieved', row.areaCode, row.achieved);
  }
  for (const row of society) sheet.add('society.organisations', row.divisionCode, row.organisations);
  for (const row of workers) sheet.add('society.social_workers', row.divisionCode, row.workers);
  // A county where children in difficulty live and no children's social organisation sits.
  const sitting = new Set(society.map((row) => row.divisionCode.slice(0, 6)));
  for (const county of counties) if (!sitting.has(county.slice(0, 6))) sheet.add('society.counties_without', county, 1);
}

/**
 * Stages the sheet's counts of 12-digit divisions for the month's snapshot (`snapshot-write.ts`).
 * The three columns go as array literals joined here: the driver's quoting of each of ~120k elements
 * per column (at 100k children), with each key split three times, took 0.6–1.3 s of Node's CPU a run.
 */
export async function writeSheet(trx: Trx, sheet: CountSheet): Promise<number> {
  const indicators: string[] = [];
  const codes: string[] = [];
  const values: number[] = [];
  for (const [key, value] of sheet.counts) {
    const bar = key.indexOf('|');
    const code = key.slice(bar + 1);
    if (!twelveDigits.test(code)) continue;
    indicators.push(key.slice(0, bar));
    codes.push(code);
    values.push(value);
  }
  if (codes.length === 0) return 0;
  await sql`
    INSERT INTO ${stagedCounts} (indicator, division_code, value)
    SELECT indicator, code, value
    FROM unnest(${arrayLiteral(indicators)}::text[], ${arrayLiteral(codes)}::text[],
      ${arrayLiteral(values)}::bigint[]) AS stored(indicator, code, value)`.execute(trx);
  return codes.length;
}

const twelveDigits = /^\d{12}$/;
/** What an array literal element may be without quoting: an indicator name, a division code, a count. */
const plainElement = /^[A-Za-z0-9_.-]+$/;

/** `{a,b,c}`: every element checked to need no quoting (and not to read as NULL). */
export function arrayLiteral(elements: readonly (string | number)[]): string {
  const seen = new Set<string | number>();
  for (const element of elements) {
    if (seen.has(element)) continue;
    const text = String(element);
    if (!plainElement.test(text) || text.toLowerCase() === 'null')
      throw new Error(`A staged count's ${JSON.stringify(text)} cannot be sent unquoted.`);
    seen.add(element);
  }
  return `{${elements.join(',')}}`;
}
