import { z } from 'zod';
import { applicantKinds } from '../benefits/vocabulary.js';
import {
  assistanceChanges,
  departments,
  householdAssistances,
  matchLevels,
  matchReasons,
  proposalStatuses,
  rollColumns,
  rollKinds,
  rowOutcomes,
} from './vocabulary.js';

const isoDate = z.iso.date();

/** The upload's query: the file is the raw body. */
export const rollUploadQuerySchema = z.object({
  department: z.enum(departments),
  kind: z.enum(rollKinds),
  asOf: isoDate,
  fileName: z.string().trim().min(1).max(200),
  /** JSON: the file's header text per column, as the uploader mapped them (else remembered, else recognised). */
  mapping: z.string().max(4000).optional(),
});
export type RollUploadQuery = z.infer<typeof rollUploadQuerySchema>;

/** What a proposal would change on the file (stored with the proposal, shown beside the current value). */
export const proposedFactSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['imprisonment', 'drug_rehabilitation']),
    memberId: z.uuid(),
    relation: z.string(),
    memberName: z.string(),
    since: isoDate.nullable(),
    until: isoDate.nullable(),
    place: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('death'),
    memberId: z.uuid(),
    relation: z.string(),
    memberName: z.string(),
    since: isoDate.nullable(),
  }),
  z.object({ kind: z.literal('household_registration'), hukouCode: z.string().regex(/^\d{12}$/) }),
  z.object({
    kind: z.literal('disability'),
    grade: z.number().int().min(1).max(4),
    disabilityType: z.string().nullable(),
    certificate: z.string().nullable(),
  }),
  z.object({ kind: z.literal('serious_illness'), illness: z.string() }),
  z.object({ kind: z.literal('school_enrolment'), school: z.string(), grade: z.string().nullable() }),
  z.object({ kind: z.literal('school_dropout'), school: z.string().nullable(), since: isoDate.nullable() }),
  /** The household is on (or left) 低保, or the child is (or no longer is) supported as 特困, since a date. */
  z.object({
    kind: z.literal('dibao_tekun'),
    assistance: z.enum(householdAssistances),
    change: z.enum(assistanceChanges),
    on: isoDate.nullable(),
  }),
]);
export type ProposedFact = z.infer<typeof proposedFactSchema>;

/** The header text per column. */
export const rollMappingSchema = z.partialRecord(z.enum(rollColumns), z.string().max(200));
export type RollMappingByHeader = z.infer<typeof rollMappingSchema>;

export const matchSchema = z.object({
  level: z.enum(matchLevels),
  score: z.number().int().min(0).max(100),
  reasons: z.array(z.enum(matchReasons)),
});
export type Match = z.infer<typeof matchSchema>;

export const rowProblemSchema = z.object({
  code: z.string(),
  /** The column's header as the file has it (null: the row as a whole). */
  column: z.string().nullable(),
  message: z.string(),
});

export const rollRowSchema = z.object({
  row: z.number(),
  outcome: z.enum(rowOutcomes),
  /** Masked: the roll's ID numbers are never shown in full. */
  idNumber: z.string().nullable(),
  name: z.string().nullable(),
  problems: z.array(rowProblemSchema),
  /** The children this row was matched to, as far as the reader may see them. */
  children: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      havenCode: z.string(),
      proposalId: z.string(),
      status: z.enum(proposalStatuses),
      match: matchSchema,
    }),
  ),
  /** How sure the match is (null: unmatched or invalid). */
  level: z.enum(matchLevels).nullable(),
});
export type RollRow = z.infer<typeof rollRowSchema>;

export const rollSummarySchema = z.object({
  id: z.string(),
  department: z.enum(departments),
  kind: z.enum(rollKinds),
  asOf: z.string(),
  fileName: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  rows: z.number(),
  matched: z.number(),
  unmatched: z.number(),
  invalid: z.number(),
  proposals: z.number(),
  /** Matched rows per level. */
  levels: z.partialRecord(z.enum(matchLevels), z.number()),
  /** Header text per recognised column. */
  columns: z.partialRecord(z.enum(rollColumns), z.string()),
});
export type RollSummary = z.infer<typeof rollSummarySchema>;
export const rollListSchema = z.array(rollSummarySchema);
export const rollViewSchema = rollSummarySchema.extend({ lines: z.array(rollRowSchema) });
export type RollView = z.infer<typeof rollViewSchema>;

export const factProposalSchema = z.object({
  id: z.string(),
  childId: z.string(),
  status: z.enum(proposalStatuses),
  version: z.number(),
  fact: proposedFactSchema,
  match: matchSchema,
  /** The version of the file or family member the accept must see unchanged. */
  targetVersion: z.number().nullable(),
  source: z.object({
    rollId: z.string(),
    department: z.enum(departments),
    kind: z.enum(rollKinds),
    asOf: z.string(),
    fileName: z.string(),
    row: z.number(),
  }),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type FactProposal = z.infer<typeof factProposalSchema>;
export const factProposalListSchema = z.array(factProposalSchema);

export const acceptProposalSchema = z.object({
  version: z.number().int().min(1),
  targetVersion: z.number().int().min(1),
  /** A weak or ambiguous match: the reviewer confirms that the row is this child (else 409). */
  matchConfirmed: z.boolean().optional(),
});
export const rejectProposalSchema = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1).max(500),
});
export const decisionAnswerSchema = z.object({
  proposal: factProposalSchema,
  /** Categories the registry newly proposes from the accepted fact (the benefits follow from them). */
  categoriesProposed: z.array(z.string()),
  /** Benefits of the place whose category is newly proposed: the reviewer may open an application for each. */
  benefitsProposed: z.array(
    z.object({ benefitType: z.string(), category: z.string(), monthlyFen: z.number().nullable(), name: z.string() }),
  ),
  /** Other candidates of the same row (an ambiguous match), rejected because this child was chosen. */
  othersRejected: z.number(),
  /** Benefit applications opened by the accepted fact (the 低保/特困 child add-on), by application number. */
  applicationsOpened: z.array(
    z.object({ applicationId: z.string(), applicationNo: z.string(), benefitType: z.string() }),
  ),
  /** Approved benefits whose basis the accepted fact removed: each now has a review for the county. */
  reviewsOpened: z.array(z.object({ reviewId: z.string(), applicationNo: z.string(), benefitType: z.string() })),
});
export type DecisionAnswer = z.infer<typeof decisionAnswerSchema>;

/** Opening a benefit application from an accepted proposal (through the benefits feature's own use case). */
export const applyFromProposalSchema = z.object({
  benefitType: z.string().trim().min(1).max(40),
  applicantKind: z.enum(applicantKinds),
  applicantName: z.string().trim().min(1).max(60),
  applicantRelation: z.string().trim().max(30).optional(),
  receivedOn: isoDate,
});
export type ApplyFromProposal = z.infer<typeof applyFromProposalSchema>;
export const applyFromProposalAnswerSchema = z.object({ applicationId: z.string() });

/** What the file would give before anything is stored. */
export const rollDryRunSchema = z.object({
  /** The header row's cells as the file has them. */
  headers: z.array(z.string()),
  mapping: rollMappingSchema,
  mappingSource: z.enum(['given', 'remembered', 'recognised']),
  /** Columns this kind needs that the mapping lacks (the upload would be refused). */
  missing: z.array(z.enum(rollColumns)),
  counts: z.object({
    rows: z.number(),
    certain: z.number(),
    strong: z.number(),
    weak: z.number(),
    ambiguous: z.number(),
    unmatched: z.number(),
    invalid: z.number(),
  }),
  /** The first rows that are not certain, with their candidates and problems. */
  lines: z.array(
    rollRowSchema.omit({ children: true }).extend({
      candidates: z.array(z.object({ name: z.string(), havenCode: z.string(), match: matchSchema })),
    }),
  ),
});
export type RollDryRun = z.infer<typeof rollDryRunSchema>;
