import { z } from 'zod';
import { escalationTargets } from './tables.js';

export const myWorkSchema = z.object({
  reportsToAcknowledge: z.array(
    z.object({
      reportId: z.string(),
      refNo: z.string(),
      channel: z.string(),
      situations: z.array(z.number()),
      immediateDanger: z.boolean(),
      divisionCode: z.string(),
      reportedAt: z.string(),
      dueAt: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  caseSteps: z.array(
    z.object({
      clockId: z.string(),
      rule: z.string(),
      caseId: z.string(),
      caseNo: z.string(),
      childName: z.string(),
      startedAt: z.string(),
      dueAt: z.string(),
      escalationLevel: z.number(),
      overdue: z.boolean(),
    }),
  ),
  alerts: z.array(
    z.object({
      alertId: z.string(),
      level: z.number(),
      target: z.enum(escalationTargets),
      rule: z.string(),
      clockState: z.string(),
      raisedAt: z.string(),
      dueAt: z.string(),
      caseId: z.string().nullable(),
      caseNo: z.string().nullable(),
      reportId: z.string().nullable(),
      refNo: z.string().nullable(),
    }),
  ),
});
