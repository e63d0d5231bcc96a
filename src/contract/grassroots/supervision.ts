import { z } from 'zod';
import { divisionCodeSchema, isoDateSchema } from '../registry/child.js';

/*
 * The township supervisor's supervision log (督导日志, issue 17): each check of a village director's
 * work — when, which village, what was checked, the findings and the follow-up asked for. Pure.
 */

export const supervisionChecks = [
  'home_visits',
  'child_files',
  'ledger',
  'entrusted_care',
  'children_met',
  'other',
] as const;
export type SupervisionCheck = (typeof supervisionChecks)[number];

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const recordSupervisionSchema = z.object({
  checkedOn: isoDateSchema,
  /** The village checked: one the director covers (default: the director's first village). */
  divisionCode: divisionCodeSchema.optional(),
  checked: z.array(z.enum(supervisionChecks)).min(1).max(supervisionChecks.length),
  checkedNote: optionalText(500),
  findings: z.string().trim().min(1).max(2000),
  followUp: optionalText(1000),
  /** When the follow-up is due (only with a follow-up; not before the check). */
  followUpBy: isoDateSchema.nullable().optional(),
});
export type RecordSupervisionInput = z.infer<typeof recordSupervisionSchema>;

export const supervisionEntrySchema = z.object({
  id: z.uuid(),
  directorStaffId: z.uuid(),
  directorName: z.string(),
  supervisorName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  checkedOn: z.string(),
  checked: z.array(z.enum(supervisionChecks)),
  checkedNote: z.string().nullable(),
  findings: z.string(),
  followUp: z.string().nullable(),
  followUpBy: z.string().nullable(),
  /** The follow-up's clock: when it is due (the date asked for, else the rule set's default), and whether it is late. */
  followUpDueAt: z.string().nullable(),
  followUpOverdue: z.boolean(),
  /** The follow-up recorded done: when, what came of it, who said so. */
  followUpDone: z.object({ on: z.string(), note: z.string().nullable(), by: z.string() }).nullable(),
  recordedAt: z.string(),
});
export type SupervisionEntry = z.infer<typeof supervisionEntrySchema>;

/** The log per director of my area: each director with the checks of them, newest first; never-checked directors too. */
export const supervisionByDirectorSchema = z.object({
  directors: z.array(
    z.object({
      staffId: z.uuid(),
      name: z.string(),
      divisionCodes: z.array(z.string()),
      lastCheckedOn: z.string().nullable(),
      entries: z.array(supervisionEntrySchema),
    }),
  ),
});
export type SupervisionByDirector = z.infer<typeof supervisionByDirectorSchema>;

/** The follow-up of a check recorded done (by the township's supervisor or a roster officer): not in the future, not before the check. */
export const recordFollowUpDoneSchema = z.object({
  doneOn: isoDateSchema,
  note: optionalText(1000),
});
export type RecordFollowUpDoneInput = z.infer<typeof recordFollowUpDoneSchema>;

/** A follow-up asked for in my supervision log, due within a few days or late (or escalated to my organisation). */
export const supervisionFollowUpDueSchema = z.object({
  clockId: z.uuid(),
  logId: z.uuid(),
  directorStaffId: z.uuid(),
  directorName: z.string(),
  divisionCode: z.string(),
  followUp: z.string(),
  checkedOn: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  basis: z.enum(['mine', 'escalated']),
});
export type SupervisionFollowUpDue = z.infer<typeof supervisionFollowUpDueSchema>;
