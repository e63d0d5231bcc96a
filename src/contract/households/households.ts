import { z } from 'zod';
import { situationInputSchema, situationViewSchema } from '../registry/child.js';
import { relationCodes } from '../registry/vocabulary.js';
import { recordVisitSchema } from '../visits/visits.js';

/*
 * Households (issue 17): siblings linked as one household — each keeps its own file; the family
 * members they share are entered once for all of them; one home visit covers them; existing files
 * are linked only from a proposal a person reviewed (same guardian, same place), never silently.
 */

export const householdBases = ['proposal', 'officer'] as const;
export type HouseholdBasis = (typeof householdBases)[number];

const reason = z.string().trim().min(1).max(500);
const childIds = z.array(z.uuid()).min(2).max(12);

export const linkHouseholdSchema = z.object({
  childIds,
  /** `proposal`: the link Haven proposed, reviewed; `officer`: siblings the officer knows to be one family. */
  basis: z.enum(householdBases),
  note: z.string().trim().max(500).nullable().optional(),
});
export type LinkHouseholdInput = z.infer<typeof linkHouseholdSchema>;

export const joinHouseholdSchema = z.object({ childId: z.uuid(), version: z.number().int().min(1) });
export const leaveHouseholdSchema = z.object({ version: z.number().int().min(1), reason });
export const declineProposalSchema = z.object({ childIds, reason });

/** One situation entered once, for the same person on each child's file (each copy at the version seen). */
export const sharedSituationSchema = z.object({
  members: z
    .array(z.object({ memberId: z.uuid(), version: z.number().int().min(1) }))
    .min(1)
    .max(12),
  situation: situationInputSchema,
  reason,
});
export type SharedSituationInput = z.infer<typeof sharedSituationSchema>;

/** One home visit of the household: the national form once, recorded for each child named (default: all). */
export const householdVisitSchema = recordVisitSchema
  .omit({ childId: true, seenVisitId: true })
  .extend({ childIds: z.array(z.uuid()).min(1).max(12).optional() });
export type HouseholdVisitInput = z.infer<typeof householdVisitSchema>;
export const householdVisitResultSchema = z.object({
  visits: z.array(z.object({ childId: z.string(), visitId: z.string() })),
});

const householdChildSchema = z.object({
  childId: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  since: z.string(),
});

/** A person who is on several of the household's files (same ID number, else same name and relation). */
export const sharedPersonSchema = z.object({
  name: z.string(),
  idNumber: z.string().nullable(),
  isGuardian: z.boolean(),
  copies: z.array(
    z.object({
      childId: z.string(),
      memberId: z.string(),
      relation: z.enum(relationCodes),
      version: z.number(),
      situations: z.array(situationViewSchema),
    }),
  ),
  /** The copies' situations disagree: entered on one file and not the others. */
  differs: z.boolean(),
});

export const householdViewSchema = z.object({
  id: z.string(),
  version: z.number(),
  residenceCode: z.string(),
  residenceName: z.string().nullable(),
  basis: z.enum(householdBases),
  note: z.string().nullable(),
  createdAt: z.string(),
  /** The children in the reader's scope (a sibling outside it is counted, not named). */
  children: z.array(householdChildSchema),
  childrenOutsideScope: z.number(),
  persons: z.array(sharedPersonSchema),
});
export type HouseholdView = z.infer<typeof householdViewSchema>;
export const householdListSchema = z.object({ items: z.array(householdViewSchema) });
export const childHouseholdSchema = z.object({ household: householdViewSchema.nullable() });

export const householdProposalSchema = z.object({
  childIds: z.array(z.string()),
  children: z.array(z.object({ childId: z.string(), name: z.string(), birthDate: z.string().nullable() })),
  guardianName: z.string(),
  /** Masked unless the reader may unmask. */
  guardianIdNumber: z.string().nullable(),
  residenceCode: z.string(),
  residenceName: z.string().nullable(),
  sameAddress: z.boolean(),
});
export type HouseholdProposal = z.infer<typeof householdProposalSchema>;
export const householdProposalListSchema = z.object({ items: z.array(householdProposalSchema) });
