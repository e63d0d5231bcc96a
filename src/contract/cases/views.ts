import { z } from 'zod';
import { reportChannels } from '../reports/vocabulary.js';
import {
  actionTypes,
  caseClockRules,
  caseOrganisationRoles,
  caseStatuses,
  clockStates,
  riskGrades,
  userActionTypes,
} from './vocabulary.js';

/* What the case API answers, and the list's query. Pure. */

const statusEnum = z.enum(caseStatuses);
const named = z.object({ id: z.string(), name: z.string() });

export const caseActionViewSchema = z.object({
  seq: z.number(),
  type: z.enum(actionTypes),
  statusAfter: statusEnum,
  actorLabel: z.string(),
  actorOrganisationId: z.string().nullable(),
  occurredAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  late: z.boolean(),
});
export type CaseActionView = z.infer<typeof caseActionViewSchema>;

export const clockViewSchema = z.object({
  id: z.string(),
  rule: z.enum(caseClockRules),
  ownerOrganisationId: z.string(),
  ownerOrganisationName: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  provisional: z.boolean(),
  state: z.enum(clockStates),
  stoppedAt: z.string().nullable(),
  escalationLevel: z.number(),
  overdue: z.boolean(),
});
export type ClockView = z.infer<typeof clockViewSchema>;

export const caseViewSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  child: z.object({ id: z.string(), name: z.string(), riskGrade: z.enum(riskGrades).nullable() }),
  divisionCode: z.string(),
  status: statusEnum,
  seq: z.number(),
  lead: named,
  manager: named.nullable(),
  organisations: z.array(named.extend({ role: z.enum(caseOrganisationRoles) })),
  openedAt: z.string(),
  reports: z.array(
    z.object({ id: z.string(), refNo: z.string(), channel: z.enum(reportChannels), reportedAt: z.string() }),
  ),
  actions: z.array(caseActionViewSchema),
  clocks: z.array(clockViewSchema),
  allowedActions: z.array(z.enum(userActionTypes)),
  /** The cases of the child's siblings opened with this one (issue 17): those I may read, the others counted. */
  siblingCases: z.array(z.object({ id: z.string(), caseNo: z.string(), childId: z.string(), childName: z.string() })),
  siblingCasesHidden: z.number().int(),
});
export type CaseView = z.infer<typeof caseViewSchema>;

/** POST /api/cases: the case, and whether the reports joined a case already open for the child. */
export const openedCaseSchema = caseViewSchema.extend({ joined: z.boolean() });
export type OpenedCase = z.infer<typeof openedCaseSchema>;

export const caseListItemSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  childId: z.string(),
  childName: z.string(),
  riskGrade: z.enum(riskGrades).nullable(),
  status: statusEnum,
  seq: z.number(),
  leadName: z.string(),
  openedAt: z.string(),
  lastActionAt: z.string(),
  overdueClocks: z.number(),
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;

export const caseListSchema = z.object({ items: z.array(caseListItemSchema), total: z.number() });
export type CaseList = z.infer<typeof caseListSchema>;

export const caseListQuerySchema = z.object({
  q: z.string().trim().min(1).max(40).optional().meta({
    description: "case number or a part of it, the child's name or a part of it, pinyin or initials, Haven code",
  }),
  status: statusEnum.optional(),
  riskGrade: z.enum(riskGrades).optional().meta({ description: "the child's current risk grade" }),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({ description: 'true: only cases with a running clock past its due time; false: only those without' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;
