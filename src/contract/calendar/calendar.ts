import { z } from 'zod';

/* The holiday calendar (调休安排) as an administrator loads it, and what the server answers. */

// A real calendar date (2026-02-30 is refused here, not by the database).
const isoDate = z.iso.date();

/** One year's State Council arrangement: days off and the weekend days that are working days. */
export const calendarYearInputSchema = z.object({
  holidays: z.array(isoDate).max(80),
  workdays: z.array(isoDate).max(30),
  note: z.string().max(500).optional(),
});
export type CalendarYearInput = z.infer<typeof calendarYearInputSchema>;

export const calendarYearParamsSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** Why an arrangement is refused: the date and what is wrong with it. */
export const calendarProblemCodes = [
  'duplicate',
  'contradiction',
  'outside_year',
  'workday_not_weekend',
  'invalid_date',
] as const;
export const calendarProblemSchema = z.object({
  path: z.string(),
  code: z.enum(calendarProblemCodes),
  date: z.string(),
});
export const calendarProblemsSchema = z.array(calendarProblemSchema);

export const calendarYearViewSchema = z.object({
  year: z.number().int(),
  source: z.enum(['shipped', 'loaded']),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  loadedAt: z.string().nullable(),
  loadedBy: z.string().nullable(),
  note: z.string().nullable(),
  clocksRecomputed: z.number().int().nullable(),
});
export type CalendarYearView = z.infer<typeof calendarYearViewSchema>;

/** A load whose provisional deadlines are still being recomputed (in batches, by a job). */
export const calendarRecomputeSchema = z.object({
  year: z.number().int(),
  revision: z.string(),
  loadedAt: z.string(),
  batchesDone: z.number().int(),
  batchesTotal: z.number().int(),
});
export type CalendarRecompute = z.infer<typeof calendarRecomputeSchema>;

export const calendarViewSchema = z.object({
  years: z.array(calendarYearViewSchema),
  /** The oldest load still recomputing, if any (a second load is refused until it is done). */
  recompute: calendarRecomputeSchema.nullable(),
  /** Open deadlines computed on weekends alone, waiting for their year's arrangement. */
  provisionalClocks: z.number().int(),
});
export type CalendarView = z.infer<typeof calendarViewSchema>;

export const calendarLoadResultSchema = z.object({
  year: z.number().int(),
  revision: z.string(),
  examined: z.number().int(),
  changed: z.number().int(),
});
export type CalendarLoadResult = z.infer<typeof calendarLoadResultSchema>;

/** The web's answer to a load (202): stored and checked; the recompute goes on as a job. */
export const calendarLoadAcceptedSchema = z.object({
  year: z.number().int(),
  revision: z.string(),
  batchesTotal: z.number().int(),
});
export type CalendarLoadAccepted = z.infer<typeof calendarLoadAcceptedSchema>;
