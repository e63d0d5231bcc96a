import { z } from 'zod';

/*
 * Shapes every workflow subject's answer repeats (referrals, recommendations, case services and
 * lead transfers): one entry of its action log, and one of its clocks. Pure.
 */

type Codes = readonly [string, ...string[]];

/** One entry of a subject's log as answers show it: the action, the status it led to, who and when. */
export function actionLogEntrySchema<T extends Codes, S extends Codes>(types: T, statuses: S) {
  return z.object({
    seq: z.number(),
    type: z.enum(types),
    statusAfter: z.enum(statuses),
    actorLabel: z.string(),
    occurredAt: z.string(),
  });
}

/** The same entry with the action's recorded payload (for the subject's own detail page). */
export function actionLogEntryWithPayloadSchema<T extends Codes, S extends Codes>(types: T, statuses: S) {
  return actionLogEntrySchema(types, statuses).extend({ payload: z.record(z.string(), z.unknown()) });
}

/** One of a subject's clocks: its rule, when it is due, its state and how far it has escalated. */
export function subjectClockSchema<R extends Codes>(rules: R) {
  return z.object({ rule: z.enum(rules), dueAt: z.string(), state: z.string(), escalationLevel: z.number() });
}
