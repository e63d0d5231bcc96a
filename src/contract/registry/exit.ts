import { z } from 'zod';
import { isoDateSchema } from './child.js';

/** Exit reasons of the national child-welfare system (DOMAIN.md §8), as the API names them. */
export const exitReasons = [
  'adoption_in_province',
  'adoption_other_province',
  'adoption_abroad',
  'birth_parents_found',
  'independent_living',
  'death',
  'hukou_moved',
  'entry_error',
  'over_age',
  'other',
] as const;
export type ExitReason = (typeof exitReasons)[number];

/** Reasons that end every benefit at once (the child is no longer in the family or alive to be paid). */
export const exitReasonsEndingBenefits: readonly ExitReason[] = exitReasons;

export const childExitInputSchema = z.object({
  reason: z.enum(exitReasons),
  exitedOn: isoDateSchema,
  note: z.string().trim().max(500).optional(),
  /** The file's version the officer saw (a stale one is a 409). */
  version: z.number().int().min(1),
});
export type ChildExitInput = z.infer<typeof childExitInputSchema>;

export const childExitViewSchema = z.object({
  id: z.string(),
  childId: z.string(),
  reason: z.enum(exitReasons),
  exitedOn: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  endedApplications: z.array(z.string()),
});
export type ChildExitView = z.infer<typeof childExitViewSchema>;
