import { z } from 'zod';
import { divisionLevels, isDivisionCode } from '../divisions/codes.js';
import { addedIndicatorDefinitions, addedStoredCounts } from './indicators-added.js';

/** The seed's five problems (§4) and the mechanism's own health, as the page groups them. */
export const problems = ['mechanism', 'family', 'government', 'grassroots', 'society', 'funding'] as const;
export type Problem = (typeof problems)[number];

/**
 * The indicators stored in the monthly snapshots (docs/indicators.md defines each once). A `count`
 * is a number of things; a `rate` is `of` × `scale` / `over` of two stored counts: a percentage
 * (scale 100, the default), per 10,000, or a mean (scale 1: days, yuan).
 */
export const indicatorDefinitions = {
  'reports.received': { problem: 'mechanism', kind: 'count', worseWhen: 'none' },
  'reports.ack_rate': {
    problem: 'mechanism',
    kind: 'rate',
    of: 'reports.ack_on_time',
    over: 'reports.ack_due',
    worseWhen: 'lower',
  },
  'reports.emergency_rate': {
    problem: 'mechanism',
    kind: 'rate',
    of: 'reports.emergency_on_time',
    over: 'reports.emergency_due',
    worseWhen: 'lower',
  },
  'cases.open': { problem: 'mechanism', kind: 'count', worseWhen: 'none' },
  'cases.closed': { problem: 'mechanism', kind: 'count', worseWhen: 'none' },
  'cases.mean_days_to_close': {
    problem: 'mechanism',
    kind: 'rate',
    of: 'cases.closure_days',
    over: 'cases.closed',
    scale: 1,
    worseWhen: 'higher',
  },
  'clocks.overdue': { problem: 'mechanism', kind: 'count', worseWhen: 'higher' },
  'clocks.conference_level': { problem: 'mechanism', kind: 'count', worseWhen: 'higher' },
  'children.in_difficulty': { problem: 'family', kind: 'count', worseWhen: 'none' },
  'family.guardianship_missing': { problem: 'family', kind: 'count', worseWhen: 'higher' },
  'family.de_facto_unsupported': { problem: 'family', kind: 'count', worseWhen: 'none' },
  'family.grade_missing': { problem: 'family', kind: 'count', worseWhen: 'higher' },
  'family.grade_improper': { problem: 'family', kind: 'count', worseWhen: 'higher' },
  'family.grade_insufficient': { problem: 'family', kind: 'count', worseWhen: 'higher' },
  'family.grade_normal': { problem: 'family', kind: 'count', worseWhen: 'none' },
  'family.improved_rate': {
    problem: 'family',
    kind: 'rate',
    of: 'family.grade_improved',
    over: 'family.assessed',
    worseWhen: 'lower',
  },
  'referrals.overdue': { problem: 'government', kind: 'count', worseWhen: 'higher' },
  'placements.station_overstay': { problem: 'government', kind: 'count', worseWhen: 'higher' },
  'recommendations.overdue': { problem: 'government', kind: 'count', worseWhen: 'higher' },
  'referrals.declined': { problem: 'government', kind: 'count', worseWhen: 'higher' },
  'placements.away_from_home': { problem: 'government', kind: 'count', worseWhen: 'none' },
  'placements.institution': { problem: 'government', kind: 'count', worseWhen: 'none' },
  'placements.mean_institution_days': {
    problem: 'government',
    kind: 'rate',
    of: 'placements.institution_days',
    over: 'placements.institution',
    scale: 1,
    worseWhen: 'higher',
  },
  'placements.station_past_10_days': { problem: 'government', kind: 'count', worseWhen: 'higher' },
  'visits.overdue': { problem: 'grassroots', kind: 'count', worseWhen: 'higher' },
  'visits.on_time_rate': {
    problem: 'grassroots',
    kind: 'rate',
    of: 'visits.on_time',
    over: 'visits.due',
    worseWhen: 'lower',
  },
  'grassroots.villages_without_director': { problem: 'grassroots', kind: 'count', worseWhen: 'higher' },
  'grassroots.director_coverage': {
    problem: 'grassroots',
    kind: 'rate',
    of: 'grassroots.villages_directed',
    over: 'grassroots.villages_with_children',
    worseWhen: 'lower',
  },
  'grassroots.training_coverage': {
    problem: 'grassroots',
    kind: 'rate',
    of: 'grassroots.directors_trained',
    over: 'grassroots.directors',
    worseWhen: 'lower',
  },
  'grassroots.appraisal_coverage': {
    problem: 'grassroots',
    kind: 'rate',
    of: 'grassroots.directors_appraised',
    over: 'grassroots.directors',
    worseWhen: 'lower',
  },
  'society.organisations': { problem: 'society', kind: 'count', worseWhen: 'lower' },
  'society.per_10k': {
    problem: 'society',
    kind: 'rate',
    of: 'society.organisations',
    over: 'children.in_difficulty',
    scale: 10_000,
    worseWhen: 'lower',
  },
  'funding.budget_per_child': {
    problem: 'funding',
    kind: 'rate',
    of: 'funding.service_budget_yuan',
    over: 'children.in_difficulty',
    scale: 1,
    worseWhen: 'lower',
  },
  'funding.execution_rate': {
    problem: 'funding',
    kind: 'rate',
    of: 'funding.service_paid_yuan',
    over: 'funding.service_budget_yuan',
    worseWhen: 'lower',
  },
  'funding.benefits_overdue': { problem: 'funding', kind: 'count', worseWhen: 'higher' },
  'security.children_paid': { problem: 'funding', kind: 'count', worseWhen: 'none' },
  'security.mean_payment': {
    problem: 'funding',
    kind: 'rate',
    of: 'security.paid_yuan',
    over: 'security.children_paid',
    scale: 1,
    worseWhen: 'none',
  },
  ...addedIndicatorDefinitions,
} as const satisfies Record<
  string,
  {
    problem: Problem;
    kind: 'count' | 'rate';
    of?: string;
    over?: string;
    scale?: number;
    worseWhen: 'higher' | 'lower' | 'none';
  }
>;
export type IndicatorCode = keyof typeof indicatorDefinitions;
export const indicatorCodes = Object.keys(indicatorDefinitions) as IndicatorCode[];

/** The number that stands for each problem where there is room for one only (a folded section on a phone). */
export const problemHeadlines = {
  mechanism: 'clocks.overdue',
  family: 'children.in_difficulty',
  government: 'referrals.overdue',
  grassroots: 'visits.overdue',
  society: 'society.per_10k',
  funding: 'funding.budget_per_child',
} as const satisfies Record<Problem, IndicatorCode>;

/** The counts a snapshot stores (every count indicator and the parts of every rate). */
export const storedCounts = [
  'reports.received',
  'reports.ack_due',
  'reports.ack_on_time',
  'cases.open',
  'clocks.overdue',
  'clocks.conference_level',
  'children.in_difficulty',
  'family.guardianship_missing',
  'family.de_facto_unsupported',
  'referrals.overdue',
  'placements.station_overstay',
  'recommendations.overdue',
  'visits.overdue',
  'visits.due',
  'visits.on_time',
  'society.organisations',
  'funding.benefits_overdue',
  'reports.emergency_due',
  'reports.emergency_on_time',
  'cases.closed',
  'cases.closure_days',
  'family.grade_missing',
  'family.grade_improper',
  'family.grade_insufficient',
  'family.grade_normal',
  'family.assessed',
  'family.grade_improved',
  'referrals.declined',
  'placements.away_from_home',
  'placements.institution',
  'placements.institution_days',
  'placements.station_past_10_days',
  'grassroots.villages_without_director',
  'grassroots.villages_with_children',
  'grassroots.villages_directed',
  'funding.service_budget_yuan',
  'funding.service_paid_yuan',
  'security.children_paid',
  'security.paid_yuan',
  'grassroots.directors',
  'grassroots.directors_trained',
  'grassroots.directors_appraised',
  ...addedStoredCounts,
] as const;
export type StoredCount = (typeof storedCounts)[number];

/** Indicators whose number is a list of overdue clocks about children: a reader of children may open it. */
export const rowIndicators = [
  'visits.overdue',
  'referrals.overdue',
  'placements.station_overstay',
  'clocks.overdue',
  'funding.benefits_overdue',
] as const satisfies readonly IndicatorCode[];
export type RowIndicator = (typeof rowIndicators)[number];

const code = z.string().trim().refine(isDivisionCode, { error: 'insight.within_invalid' });
const level = z.enum(divisionLevels);
const place = z.object({ code: z.string(), name: z.string().nullable(), level });

export const problemsQuerySchema = z.object({ within: code });

/** A published value: null where suppressed (a count of 1–4, its complement, or a rate over 1–4). */
const value = z.number().nullable();

export const problemsResultSchema = z.object({
  within: place,
  /** From the reader's own place down to `within`, for the breadcrumb. */
  path: z.array(place),
  /** The twelve months of the trends, oldest first (YYYY-MM); the last is the current, unfinished one. */
  months: z.array(z.string()),
  /** When the newest snapshot was taken (null: never). */
  asOf: z.string().nullable(),
  /** Counts below this (except 0) are suppressed for this reader; rule data (`insight.smallCellThreshold`). */
  threshold: z.number().int(),
  /** Whether small cells are suppressed for this reader (readers without children's files). */
  suppressed: z.boolean(),
  /** Whether this reader may open the rows behind a number (children in their scope). */
  seesRows: z.boolean(),
  indicators: z.array(
    z.object({
      code: z.enum(indicatorCodes as [IndicatorCode, ...IndicatorCode[]]),
      trend: z.array(value),
    }),
  ),
  /** One level below `within`: each division's value of every indicator in the newest month. */
  breakdown: z.object({
    level: level.nullable(),
    rows: z.array(z.object({ code: z.string(), name: z.string().nullable(), values: z.array(value) })),
  }),
});

export const problemRowsQuerySchema = z.object({
  within: code,
  indicator: z.enum(rowIndicators),
});

export const problemRowsResultSchema = z.object({
  within: place,
  indicator: z.enum(rowIndicators),
  rows: z.array(
    z.object({
      childId: z.string(),
      childName: z.string(),
      divisionCode: z.string(),
      divisionName: z.string().nullable(),
      rule: z.string(),
      dueAt: z.string(),
      daysOverdue: z.number().int(),
    }),
  ),
  /** True when more than the rows shown are overdue (the oldest are listed first). */
  truncated: z.boolean(),
});

export const monthlyReportSchema = z.object({
  id: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  /** The month of the meeting the report is for (YYYY-MM); its numbers run to the end of the month before. */
  month: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string(),
});
export const monthlyReportsResultSchema = z.object({ reports: z.array(monthlyReportSchema) });

/** A report asked for from the page: the place's joint conference, the month of its meeting (YYYY-MM). */
export const monthlyReportRequestSchema = z.object({
  within: code,
  month: z
    .string()
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'insight.report_month_invalid' }),
});
/** `created` is false when the month's report of that place already existed (it is returned unchanged). */
export const monthlyReportRequestResultSchema = z.object({ report: monthlyReportSchema, created: z.boolean() });
export type MonthlyReportRequest = z.infer<typeof monthlyReportRequestSchema>;

export type ProblemsQuery = z.infer<typeof problemsQuerySchema>;
export type ProblemsResult = z.infer<typeof problemsResultSchema>;
export type ProblemRowsQuery = z.infer<typeof problemRowsQuerySchema>;
export type ProblemRowsResult = z.infer<typeof problemRowsResultSchema>;
export type MonthlyReport = z.infer<typeof monthlyReportSchema>;
export type MonthlyReportsResult = z.infer<typeof monthlyReportsResultSchema>;
