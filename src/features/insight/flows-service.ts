import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { levelOf, subtreePrefix } from '../../core/places.js';
import { type FlowsResult, listedOrganisations, type ReportFlow } from '../../contract/insight/flows.js';
import { institutionKinds } from '../../contract/placements/vocabulary.js';
import { reportChannels } from '../../contract/reports/vocabulary.js';
import { closureTimesBetween } from '../cases/service.js';
import { finishedStaysBetween } from '../placements/service.js';
import { type ReportFlowCounts, reportFlowsBetween } from '../reports/service.js';
import { childCodePattern, isSmallCount, levelBelow, significantDigits, suppressSmallCells } from './rules.js';
import { placeInReach, readsChildren, smallCellThreshold } from './problems-service.js';
import { currentDivisionsBelow, divisionNames } from './problems-store.js';
import { addMonths, monthOf, monthStart, rateOf } from './snapshot-rules.js';
import './messages.js';

type Counts = Omit<ReportFlowCounts, 'channel' | 'organisationId' | 'organisationName'>;
const none = (): Counts => ({ received: 0, acknowledgedInTime: 0, emergencyDue: 0, emergencyInTime: 0 });
const add = (sum: Counts, row: Counts) => {
  sum.received += row.received;
  sum.acknowledgedInTime += row.acknowledgedInTime;
  sum.emergencyDue += row.emergencyDue;
  sum.emergencyInTime += row.emergencyInTime;
};
const countKeys = ['received', 'acknowledgedInTime', 'emergencyDue', 'emergencyInTime'] as const;

/**
 * A table of report counts as the reader may see it: each count column suppressed with its
 * complement for a suppressed reader; a rate withheld over a small denominator.
 */
function publishTable(rows: Counts[], suppressed: boolean, threshold: number): ReportFlow[] {
  const columns = countKeys.map((key) =>
    suppressed
      ? suppressSmallCells(
          rows.map((row, index) => ({ key: index, count: row[key] })),
          threshold,
        ).cells.map((cell) => cell.count)
      : rows.map((row) => row[key]),
  );
  const rate = (of: number, over: number) => (suppressed && isSmallCount(over, threshold) ? null : rateOf(of, over));
  return rows.map((row, index) => ({
    received: columns[0]![index] ?? null,
    acknowledgedInTime: columns[1]![index] ?? null,
    ackRate: rate(row.acknowledgedInTime, row.received),
    emergencyDue: columns[2]![index] ?? null,
    emergencyInTime: columns[3]![index] ?? null,
    emergencyRate: rate(row.emergencyInTime, row.emergencyDue),
  }));
}

/** A count for a suppressed reader (no complement: a line of its own) and a figure over it. */
function publishOne(count: number, suppressed: boolean, threshold: number): number | null {
  return suppressed && isSmallCount(count, threshold) ? null : count;
}

/**
 * The flow tables of `within` for one month (default: this month), read from the owning features
 * per request, each bounded by the month (index-backed: migration 0185).
 * A place outside the reader's reach answers like a missing one (404); a month with nothing shows
 * zeros. Readers without children's files get small cells suppressed as on the rest of the page.
 */
export async function flowsOf(
  db: Kysely<Database>,
  actor: Actor,
  within: string,
  options: { month?: string; suppressed?: boolean; now?: Date } = {},
): Promise<FlowsResult> {
  const level = levelOf(within);
  const missing = () => notFound(translate(actor.locale, 'insight.entity.division'), within);
  if (!level || !placeInReach(actor, within)) throw missing();
  const now = options.now ?? new Date();
  const month = options.month ?? monthOf(now);
  if (month > monthOf(now)) throw new DomainError('insight.flows_month_invalid', 400, { month });
  const from = monthStart(month);
  const to = monthStart(addMonths(month, 1));
  const prefix = subtreePrefix(within);
  const below = levelBelow(within) ?? null;
  const suppressed = options.suppressed ?? !readsChildren(actor);

  const [threshold, names, places, reports, closures, stays] = await Promise.all([
    smallCellThreshold(db, within, now),
    divisionNames(db, [within]),
    below ? currentDivisionsBelow(db, childCodePattern(within, below), prefix, below) : Promise.resolve([]),
    reportFlowsBetween(db, prefix, from, to),
    closureTimesBetween(db, prefix, significantDigits(below ?? level), from, to),
    finishedStaysBetween(db, prefix, from, to),
  ]);
  if (!names.has(within)) throw missing();

  // Reports: by channel (every channel, zeros too), by organisation (most first, the rest summed).
  const byChannel = reportChannels.map((channel) => {
    const sum = none();
    for (const row of reports) if (row.channel === channel) add(sum, row);
    return sum;
  });
  const organisations = new Map<string, Counts & { id: string | null; name: string | null }>();
  for (const row of reports) {
    const key = row.organisationId ?? '';
    const entry = organisations.get(key) ?? { ...none(), id: row.organisationId, name: row.organisationName };
    add(entry, row);
    organisations.set(key, entry);
  }
  // Organisations most reports first (the rest summed in one row), then reports made by no organisation.
  const ranked = [...organisations.values()]
    .filter((row) => row.id !== null)
    .sort((a, b) => b.received - a.received || (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN'));
  const listed = ranked.slice(0, listedOrganisations);
  const rest = ranked.slice(listedOrganisations);
  if (rest.length > 0) {
    const others = { ...none(), id: 'others', name: null };
    for (const row of rest) add(others, row);
    listed.push(others);
  }
  const unattributed = organisations.get('');
  if (unattributed) listed.push(unattributed);
  const total = none();
  for (const row of reports) add(total, row);
  const channelTable = publishTable(byChannel, suppressed, threshold);
  const organisationTable = publishTable(listed, suppressed, threshold);
  const [totalRow] = publishTable([total], suppressed, threshold);

  // Closure times: the place's month, and the places one level down.
  const figure = (count: number, days: number | undefined) =>
    suppressed && isSmallCount(count, threshold) ? null : (days ?? null);
  const closureOf = (row: { closed: number; medianDays: number; p90Days: number } | undefined) => ({
    closed: publishOne(row?.closed ?? 0, suppressed, threshold),
    medianDays: figure(row?.closed ?? 0, row?.medianDays),
    p90Days: figure(row?.closed ?? 0, row?.p90Days),
  });
  const inMonth = new Map(closures.filter((row) => row.divisionCode).map((row) => [row.divisionCode!, row]));
  const rowCodes = [...new Set([...places.map((place) => place.code), ...inMonth.keys()])]
    .filter((code) => code !== within)
    .sort();
  const placeNames = new Map(places.map((place) => [place.code, place.name]));
  const closedColumn = suppressed
    ? suppressSmallCells(
        rowCodes.map((code) => ({ key: code, count: inMonth.get(code)?.closed ?? 0 })),
        threshold,
      ).cells.map((cell) => cell.count)
    : rowCodes.map((code) => inMonth.get(code)?.closed ?? 0);

  // Finished stays: every institution kind, zeros too.
  const stayRows = institutionKinds.map((kind) => stays.find((row) => row.kind === kind));
  const endedColumn = suppressed
    ? suppressSmallCells(
        stayRows.map((row, index) => ({ key: index, count: row?.ended ?? 0 })),
        threshold,
      ).cells.map((cell) => cell.count)
    : stayRows.map((row) => row?.ended ?? 0);
  const station = stays.find((row) => row.kind === 'rescue_station');

  return {
    within: { code: within, name: names.get(within) ?? null, level },
    month,
    threshold,
    suppressed,
    reports: {
      total: totalRow!,
      byChannel: reportChannels.map((channel, index) => ({ channel, ...channelTable[index]! })),
      byOrganisation: listed.map((row, index) => ({
        organisationId: row.id,
        name: row.name,
        ...organisationTable[index]!,
      })),
      truncated: rest.length > 0,
    },
    closure: {
      total: closureOf(closures.find((row) => row.divisionCode === null)),
      level: below,
      rows: rowCodes.map((code, index) => ({
        code,
        name: placeNames.get(code) ?? null,
        ...closureOf(inMonth.get(code)),
        closed: closedColumn[index] ?? null,
      })),
    },
    stays: {
      rows: institutionKinds.map((kind, index) => ({
        kind,
        ended: endedColumn[index] ?? null,
        medianDays: figure(stayRows[index]?.ended ?? 0, stayRows[index]?.medianDays),
        p90Days: figure(stayRows[index]?.ended ?? 0, stayRows[index]?.p90Days),
      })),
      stationPastTenDays: publishOne(station?.pastTenDays ?? 0, suppressed, threshold),
    },
  };
}
