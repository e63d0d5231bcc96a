import { z } from 'zod';
import { recommendationWaitingSchema } from '../recommendations/views.js';
import { serviceDueSchema, transferWaitingSchema } from '../case-network/views.js';
import { referralWaitingSchema } from '../referrals/views.js';
import { goalStatuses } from '../cases/vocabulary.js';
import { clockStates, escalationTargets } from './clocks.js';
import { visitDueSchema } from '../visits/visits.js';
import { entrustedContactDueSchema } from '../visits/entrusted-care.js';
import { actionItemWaitingSchema } from '../joint-conference/views.js';
import { guardianshipMissingSchema } from '../assessments/assessments.js';
import { stayWaitingSchema, tracingWaitingSchema } from '../placements/tracing.js';
import { charityWorkSchema } from '../charity/views.js';
import { supervisionFollowUpDueSchema } from '../grassroots/supervision.js';
import { benefitReviewSchema } from '../benefits/reviews.js';

/** A report my organisation must acknowledge (only for those with `reports.receive`). */
export const reportToAcknowledgeSchema = z.object({
  reportId: z.string(),
  refNo: z.string(),
  channel: z.string(),
  situations: z.array(z.number()),
  immediateDanger: z.boolean(),
  divisionCode: z.string(),
  reportedAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type ReportToAcknowledge = z.infer<typeof reportToAcknowledgeSchema>;

/** A case step whose clock runs for my organisation or me. */
export const caseStepDueSchema = z.object({
  clockId: z.string(),
  rule: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  childName: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  escalationLevel: z.number(),
  overdue: z.boolean(),
});
export type CaseStepDue = z.infer<typeof caseStepDueSchema>;

/** A goal of a case's current assistance plan my organisation is responsible for, not done by its due day (or due within a week). */
export const planGoalDueSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  childName: z.string(),
  /** The goal's place in the plan (0-based): the plan names goals by position, not by id. */
  index: z.number(),
  goal: z.string(),
  status: z.enum(goalStatuses),
  dueOn: z.string(),
  overdue: z.boolean(),
});
export type PlanGoalDue = z.infer<typeof planGoalDueSchema>;

/** An escalation alert raised for me or my organisation (and role) in the last 30 days. */
export const workAlertSchema = z.object({
  alertId: z.string(),
  level: z.number(),
  target: z.enum(escalationTargets),
  rule: z.string(),
  clockState: z.enum(clockStates),
  raisedAt: z.string(),
  dueAt: z.string(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  reportId: z.string().nullable(),
  refNo: z.string().nullable(),
  /** The child the overdue step is about, named only for a reader who may see the child. */
  childId: z.string().nullable(),
  childName: z.string().nullable(),
});
export type WorkAlert = z.infer<typeof workAlertSchema>;

/** GET /api/my-work: one list per inbox section, overdue first. */
export const myWorkSchema = z.object({
  reportsToAcknowledge: z.array(reportToAcknowledgeSchema),
  caseSteps: z.array(caseStepDueSchema),
  alerts: z.array(workAlertSchema),
  /** Children due a home visit: mine as their director, or escalated to my organisation (issue 17). */
  visitsDue: z.array(visitDueSchema),
  /** Referrals sent to my organisation, to answer or to deliver. */
  referrals: z.array(referralWaitingSchema).default([]),
  /** Procuratorial recommendations my unit must reply to, or replies my procuratorate must review. */
  recommendations: z.array(recommendationWaitingSchema).default([]),
  /** Joint-conference action items my department owns and has not finished. */
  actionItems: z.array(actionItemWaitingSchema).default([]),
  /** "Guardianship missing" assessments for the county civil affairs to take up (DB42/T 1969-2023). */
  guardianshipMissing: z.array(guardianshipMissingSchema).default([]),
  /** Longer rescue-station stays waiting for my approval, and stays past their limit at my station (issue 16). */
  stays: z.array(stayWaitingSchema).default([]),
  /** Tracing requests my institution keeps that are open too long (issue 16). */
  tracing: z.array(tracingWaitingSchema).default([]),
  /** Open services of case plans my organisation provides or leads, overdue first (issue 15). */
  caseServices: z.array(serviceDueSchema).default([]),
  /** Goals of case plans my organisation is responsible for, open and due within a week or overdue (issue 15). */
  planGoals: z.array(planGoalDueSchema).default([]),
  /** Transfers of a case's lead waiting for my organisation's answer. */
  leadTransfers: z.array(transferWaitingSchema).default([]),
  /** Volunteers' safeguarding checks expiring or expired, and guidance-order sessions due or overdue (issue 19). */
  society: z.array(charityWorkSchema).default([]),
  /** Entrusted cares of left-behind children whose parents' weekly contact (or written notice) is due, mine or escalated to me. */
  entrustedContacts: z.array(entrustedContactDueSchema).default([]),
  /** Follow-ups asked for in my supervision log (督导日志), due soon or late, or escalated to my organisation. */
  supervisionFollowUps: z.array(supervisionFollowUpDueSchema).default([]),
  /** Approved benefits whose basis a confirmed fact removed, for the county to end or keep (issue 18). */
  benefitReviews: z.array(benefitReviewSchema).default([]),
});
export type MyWork = z.infer<typeof myWorkSchema>;

/** The inbox sections this answer has, as the contributions name them. */
export const myWorkSections = [
  'reportsToAcknowledge',
  'caseSteps',
  'alerts',
  'visitsDue',
  'referrals',
  'recommendations',
  'actionItems',
  'guardianshipMissing',
  'stays',
  'tracing',
  'caseServices',
  'planGoals',
  'leadTransfers',
  'society',
  'entrustedContacts',
  'supervisionFollowUps',
  'benefitReviews',
] as const;
