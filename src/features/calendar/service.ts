import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  CalendarLoadResult,
  CalendarView,
  CalendarYearInput,
  CalendarYearView,
} from '../../contract/calendar/calendar.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { chineseDaysDataset } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import { finishPendingRecomputes, finishRecompute, pendingLoads, type RecomputeOptions } from './recompute.js';
import { recomputeProgress } from './progress.js';
import { arrangementProblems } from './rules.js';
import './messages.js';

type Db = Kysely<Database>;

/** The years the calendar knows (shipped from this year back one, and every loaded one) and the provisional clocks waiting. */
export async function readCalendar(db: Db, actor: Actor, today: Date = new Date()): Promise<CalendarView> {
  if (!hasPermission(actor, 'calendar.manage')) throw forbidden('calendar.manage');
  const loaded = await db
    .selectFrom('holiday_arrangements')
    .select([
      'year',
      'revision',
      'note',
      'loaded_by_label',
      'loaded_at',
      'clocks_recomputed',
      'recomputed_at',
      sql<string[]>`ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) AS d ORDER BY d)`.as('holidays'),
      sql<string[]>`ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(workdays) AS d ORDER BY d)`.as('workdays'),
    ])
    .distinctOn('year')
    .orderBy('year')
    .orderBy('revision', 'desc')
    .execute();
  const years = new Map<number, CalendarYearView>();
  const thisYear = today.getUTCFullYear();
  for (const [key, arrangement] of Object.entries(chineseDaysDataset()))
    if (Number(key) >= thisYear - 1)
      years.set(Number(key), {
        year: Number(key),
        source: 'shipped',
        holidays: [...arrangement.holidays],
        workdays: [...arrangement.workdays],
        loadedAt: null,
        loadedBy: null,
        note: null,
        clocksRecomputed: null,
      });
  for (const row of loaded)
    years.set(row.year, {
      year: row.year,
      source: 'loaded',
      holidays: row.holidays,
      workdays: row.workdays,
      loadedAt: row.loaded_at.toISOString(),
      loadedBy: row.loaded_by_label,
      note: row.note,
      // Null while its recompute is still going on (the count so far is in `recompute`).
      clocksRecomputed: row.recomputed_at ? row.clocks_recomputed : null,
    });
  const provisional = await db
    .selectFrom('clocks')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('provisional', '=', true)
    .where('state', 'in', ['running', 'paused'])
    .executeTakeFirst();
  return {
    years: [...years.values()].sort((a, b) => a.year - b.year),
    provisionalClocks: Number(provisional?.n ?? 0),
    recompute: await recomputeProgress(db),
  };
}

/** Refuses a load by someone without `calendar.manage` (403) or a contradictory arrangement (400, each date named). */
export function checkArrangement(actor: Actor, year: number, input: CalendarYearInput): void {
  if (!hasPermission(actor, 'calendar.manage')) throw forbidden('calendar.manage');
  const problems = arrangementProblems(year, input);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new DomainError(
      'calendar.invalid',
      400,
      { year, date: first.date, problem: first.code, count: problems.length },
      problems.map((p) => ({ path: p.path, code: `calendar.problem.${p.code}`, params: { date: p.date } })),
    );
  }
}

/** One load of a year's arrangement, stored by whoever made it (the newest of a year is in force). */
export function storeArrangement(
  trx: Transaction<Database>,
  actor: Actor,
  year: number,
  input: CalendarYearInput,
  source: 'web' | 'cli',
) {
  return trx
    .insertInto('holiday_arrangements')
    .values({
      year,
      holidays: input.holidays,
      workdays: input.workdays,
      source,
      note: input.note ?? null,
      loaded_by_user_id: actor.userId,
      loaded_by_label: actor.label,
    })
    .returning(['revision', 'year', 'loaded_at'])
    .executeTakeFirstOrThrow();
}

/**
 * Loads one year's arrangement (it replaces any earlier load of that year), then recomputes every
 * open provisional clock in batches (`recompute.ts`). A contradictory arrangement is refused with
 * each problem named; nothing is stored or recomputed. A load whose recompute was stopped halfway
 * is finished first, since this one's "before" is the calendar that load left. Waits for the whole
 * recompute (the CLI); the web stores and answers at once (`accept.ts`).
 */
export async function loadCalendarYear(
  db: Db,
  actor: Actor,
  year: number,
  input: CalendarYearInput,
  source: 'web' | 'cli',
  at: Date = new Date(),
  options: RecomputeOptions = {},
): Promise<CalendarLoadResult> {
  checkArrangement(actor, year, input);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await finishPendingRecomputes(db, actor, at, options);
    const { result: load } = await unitOfWork(db, actor, 'calendar.load', async ({ trx, audit }) => {
      // One load at a time, each after the previous one's recompute: it starts from the calendar that left.
      await sql`SELECT pg_advisory_xact_lock(hashtext('haven.calendar.load'))`.execute(trx);
      if ((await pendingLoads(trx)).length > 0) return null;
      const row = await storeArrangement(trx, actor, year, input, source);
      audit({
        entityType: 'holiday_arrangement',
        entityId: String(year),
        details: { revision: row.revision, holidays: input.holidays.length, workdays: input.workdays.length },
      });
      return row;
    });
    if (load === null) continue;
    const recomputed = await finishRecompute(db, actor, load, at, options);
    return { year, revision: String(load.revision), ...recomputed };
  }
  throw new DomainError('calendar.busy', 409, { year });
}
