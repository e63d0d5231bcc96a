import { z } from 'zod';
import { divisionLevels, isDivisionCode } from '../divisions/codes.js';
import { type ReportChannel, reportChannels } from '../reports/vocabulary.js';
import { type InstitutionKind, institutionKinds } from '../placements/vocabulary.js';

/*
 * Issue 20's flow tables: one month of one place read per request from the owning features
 * (reports, cases, placements), each bounded by the month — reports received by channel and by
 * reporting organisation with how many were acknowledged and answered in time; days from the
 * first report to the case's closure (median, 90th percentile) of the place and one level down; finished
 * institution stays by kind. docs/indicators.md § Flow tables defines each.
 */

const code = z.string().trim().refine(isDivisionCode, { error: 'insight.within_invalid' });
const yearMonth = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'insight.flows_month_invalid' });

export const flowsQuerySchema = z.object({ within: code, month: yearMonth.optional() });
export type FlowsQuery = z.infer<typeof flowsQuerySchema>;

/** A published value: null where suppressed (a count of 1–4 or its complement; a figure over 1–4 things). */
const value = z.number().nullable();

/** Reports received in the month and how their clocks ended: the mechanism's first two steps. */
const reportFlow = z.object({
  received: value,
  /** Reports every receiver of which acknowledged by its due time. */
  acknowledgedInTime: value,
  ackRate: value,
  /** Reports of immediate danger with an emergency-response clock, and those answered by its due time. */
  emergencyDue: value,
  emergencyInTime: value,
  emergencyRate: value,
});
export type ReportFlow = z.infer<typeof reportFlow>;

const closure = z.object({ closed: value, medianDays: value, p90Days: value });

export const flowsResultSchema = z.object({
  within: z.object({ code: z.string(), name: z.string().nullable(), level: z.enum(divisionLevels) }),
  /** The month of the tables (YYYY-MM). */
  month: z.string(),
  threshold: z.number().int(),
  suppressed: z.boolean(),
  reports: z.object({
    total: reportFlow,
    byChannel: z.array(reportFlow.extend({ channel: z.enum(reportChannels) })),
    /** Reporting organisations, most reports first; `organisationId` null: reports made by no organisation. */
    byOrganisation: z.array(reportFlow.extend({ organisationId: z.string().nullable(), name: z.string().nullable() })),
    /** More organisations reported than are listed (the rest are summed in the last row, `others`). */
    truncated: z.boolean(),
  }),
  /** Cases first closed in the month: the place's figures, and one level down. */
  closure: z.object({
    total: closure,
    level: z.enum(divisionLevels).nullable(),
    rows: z.array(closure.extend({ code: z.string(), name: z.string().nullable() })),
  }),
  stays: z.object({
    rows: z.array(closure.omit({ closed: true }).extend({ kind: z.enum(institutionKinds), ended: value })),
    /** Rescue-station stays that ended in the month after more than 10 days. */
    stationPastTenDays: value,
  }),
});
export type FlowsResult = z.infer<typeof flowsResultSchema>;

type Label = { zh: string; en: string };

export const channelLabels: Record<ReportChannel, Label> = {
  hotline: { zh: '热线', en: 'Hotline' },
  mandated: { zh: '强制报告', en: 'Mandated reporter' },
  public: { zh: '群众报告', en: 'Member of the public' },
  staff: { zh: '工作人员发现', en: 'Staff finding' },
};

export const stayKindLabels: Record<InstitutionKind, Label> = {
  rescue_station: { zh: '救助管理站', en: 'Rescue station' },
  protection_centre: { zh: '未成年人救助保护中心', en: 'Minor protection centre' },
  welfare_home: { zh: '儿童福利院', en: 'Child welfare home' },
};

/** How many reporting organisations a table lists before summing the rest in one row. */
export const listedOrganisations = 50;
