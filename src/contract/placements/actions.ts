import { z } from 'zod';
import {
  endReasons,
  guardianshipTypes,
  handoverDocuments,
  legalBases,
  placementKinds,
  returnHomeFindings,
} from './vocabulary.js';

/* What a person sends to place a child and to act on a placement episode. Pure. */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const instant = z.iso.datetime({ offset: true, error: 'placements.instant_format' });
const isoDate = z.iso.date({ error: 'placements.date_format' });

/** The hand-over record: who handed the child over to whom, what came with the child. */
export const handoverSchema = z.object({
  from: text(200),
  to: text(200),
  belongings: z.array(text(200)).max(50).default([]),
  documents: z.array(z.enum(handoverDocuments)).max(20).default([]),
  notes: optionalText(2000),
});
export type HandoverInput = z.input<typeof handoverSchema>;

export const guardianSchema = z.object({
  type: z.enum(guardianshipTypes),
  /** The guardian's name (a parent, a relative) when a person is the guardian. */
  name: optionalText(100),
  /** The civil affairs bureau (or other body) when the state is the guardian. */
  organisationId: z.uuid().nullable().optional(),
});

export const carerSchema = z.object({
  name: text(100),
  relationship: optionalText(50),
  phone: optionalText(30),
});

/** One placement: where, with whom, on what basis, why, and how the child was handed over. */
export const placeSchema = z.object({
  kind: z.enum(placementKinds),
  /** The institution (rescue station, protection centre, welfare home) or a supervising organisation. */
  organisationId: z.uuid().nullable().optional(),
  /** The carer for home, kinship, entrusted and foster care. */
  carer: carerSchema.nullable().optional(),
  legalBasis: z.enum(legalBases),
  guardian: guardianSchema,
  reason: text(1000),
  handover: handoverSchema,
  /** When the child arrived (now when left out); never in the future. */
  startedAt: instant.optional(),
  /** Needed only when the institution is full: why the child is placed there anyway. */
  overCapacityReason: optionalText(1000),
  /** The case this placement belongs to, if any. */
  caseId: z.uuid().nullable().optional(),
});
export type PlaceInput = z.input<typeof placeSchema>;
export type PlaceValues = z.output<typeof placeSchema>;

const expectedSeq = z.number().int().min(1);

export const placementActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('request_extension'),
    expectedSeq,
    days: z.number().int().min(1).max(90),
    reason: text(1000),
  }),
  z.object({ type: z.literal('approve_extension'), expectedSeq, note: optionalText(1000) }),
  z.object({ type: z.literal('reject_extension'), expectedSeq, reason: text(1000) }),
  z.object({
    type: z.literal('transfer'),
    expectedSeq,
    /** The next placement; a return home is a transfer to kind `home`. */
    next: placeSchema.omit({ startedAt: true, caseId: true }),
    /** When the child was handed over (now when left out): the end of this episode and the start of the next. */
    handedOverAt: instant.optional(),
  }),
  z.object({
    type: z.literal('end'),
    expectedSeq,
    reason: z.enum(endReasons),
    note: optionalText(1000),
    endedAt: instant.optional(),
  }),
  z.object({
    type: z.literal('assess_return_home'),
    expectedSeq,
    /** The day the assessment was made (not in the future). */
    assessedOn: isoDate,
    finding: z.enum(returnHomeFindings),
    /** Who assessed (a person or a team), as the record names them. */
    assessor: text(200),
    summary: text(2000),
  }),
  z.object({
    type: z.literal('escort_home'),
    expectedSeq,
    /** Who takes the child home (护送返乡): staff names. */
    escorts: z.array(text(100)).min(1).max(6),
    /** To whom: the family member who receives the child and cares for the child from now on. */
    family: z.object({
      name: text(100),
      relationship: text(50),
      phone: optionalText(30),
      address: text(300),
    }),
    guardian: z.enum(['parents', 'relative_guardian']).default('parents'),
    /** The hand-over, signed on arrival by the family member who receives the child. */
    handover: z.object({
      signedBy: text(100),
      witness: optionalText(100),
      belongings: z.array(text(200)).max(50).default([]),
      documents: z.array(z.enum(handoverDocuments)).max(20).default([]),
      notes: optionalText(2000),
    }),
    /** When the family received the child (now when left out): the end of this episode and the start of the home one. */
    handedOverAt: instant.optional(),
  }),
  z.object({
    type: z.literal('follow_up'),
    expectedSeq,
    visitedOn: isoDate,
    childSafe: z.boolean(),
    note: text(2000),
  }),
]);
export type PlacementActionInput = z.input<typeof placementActionSchema>;
export type PlacementAction = z.output<typeof placementActionSchema>;
