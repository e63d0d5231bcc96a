import { z } from 'zod';
import { organisationKindCodes, type OrganisationKind } from '../organisations/kinds.js';
import { responsibilityCodes, serviceCodes } from './vocabulary.js';

/* What the responsibility-matrix API speaks: the matrix as of a date, an edit, and the report. Pure. */

const kindCodes = organisationKindCodes as [OrganisationKind, ...OrganisationKind[]];
export const serviceSchema = z.enum(serviceCodes);
export const responsibilitySchema = z.enum(responsibilityCodes);
const kindSchema = z.enum(kindCodes);
const divisionCodeSchema = z.string().regex(/^\d{12}$/, { error: 'matrix.division_format' });
const isoDateSchema = z.iso.date({ error: 'matrix.date_format' });

export const matrixQuerySchema = z.object({
  division: divisionCodeSchema,
  asOf: isoDateSchema.optional(),
});
export type MatrixQuery = z.infer<typeof matrixQuerySchema>;

export const cellSchema = z.object({ service: serviceSchema, kind: kindSchema, responsibility: responsibilitySchema });
export type MatrixCell = z.infer<typeof cellSchema>;

/** One cell as read: its responsibility and the division version it comes from. */
export const resolvedCellSchema = cellSchema.extend({
  fromDivision: z.string(),
  fromVersion: z.number(),
});
export type ResolvedCell = z.infer<typeof resolvedCellSchema>;

export const matrixVersionSchema = z.object({
  divisionCode: z.string(),
  version: z.number(),
  validFrom: z.string(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  cells: z.number(),
});
export type MatrixVersion = z.infer<typeof matrixVersionSchema>;

export const matrixViewSchema = z.object({
  divisionCode: z.string(),
  divisionName: z.string(),
  asOf: z.string(),
  /** Cells with a responsibility other than none, from the most specific division that sets them. */
  cells: z.array(resolvedCellSchema),
  /** The cells this division itself sets in its version valid on the date (what an edit replaces). */
  ownCells: z.array(cellSchema),
  /** The division's own versions, newest first; send the newest as expectedVersion when editing. */
  versions: z.array(matrixVersionSchema),
  currentVersion: z.number(),
  canEdit: z.boolean(),
});
export type MatrixView = z.infer<typeof matrixViewSchema>;

/**
 * A new version of the division's own cells from a date (today or later): the whole set it sets
 * (cells it does not list inherit from the places above it). `expectedVersion` is the newest
 * version the editor saw (0 when the division had none); an older one is refused (409).
 */
export const matrixEditSchema = z.object({
  validFrom: isoDateSchema,
  expectedVersion: z.number().int().min(0),
  note: z.string().trim().max(500).optional(),
  cells: z.array(cellSchema).max(2000),
});
export type MatrixEdit = z.infer<typeof matrixEditSchema>;

const orgRefSchema = z.object({ id: z.string(), name: z.string(), kind: kindSchema, divisionCode: z.string() });

export const overlapSchema = z.object({
  service: serviceSchema,
  /** The kinds that lead the service here (two or more), each with its organisations covering the county. */
  leaders: z.array(z.object({ kind: kindSchema, organisations: z.array(orgRefSchema) })),
});
export const gapSchema = z.object({
  service: serviceSchema,
  /** Kinds the matrix gives the service to, none of which has an active organisation covering the county. */
  expectedKinds: z.array(kindSchema),
});
export const countyReportSchema = z.object({
  code: z.string(),
  name: z.string(),
  overlaps: z.array(overlapSchema),
  gaps: z.array(gapSchema),
});
export type CountyReport = z.infer<typeof countyReportSchema>;

export const oneTeamTwoBrandsSchema = z.object({
  organisations: z.array(orgRefSchema),
  /** Why they are taken for one team: a shared contact phone or contact person. */
  shared: z.array(z.object({ by: z.enum(['phone', 'contact']), value: z.string() })),
});
export type OneTeamTwoBrands = z.infer<typeof oneTeamTwoBrandsSchema>;

export const matrixReportSchema = z.object({
  divisionCode: z.string(),
  divisionName: z.string(),
  asOf: z.string(),
  counties: z.array(countyReportSchema),
  oneTeamTwoBrands: z.array(oneTeamTwoBrandsSchema),
});
export type MatrixReport = z.infer<typeof matrixReportSchema>;

/** Who provides a service to children of a place (routing reads the matrix): the query. */
export const providersQuerySchema = z.object({
  division: divisionCodeSchema,
  service: serviceSchema,
  asOf: isoDateSchema.optional(),
});
export type ProvidersQuery = z.infer<typeof providersQuerySchema>;

export const matrixProviderSchema = orgRefSchema.extend({
  responsibility: z.enum(['leads', 'takes_part']),
  /** The matrix suggests it: the nearest organisation of a kind that leads the service there. */
  suggested: z.boolean(),
});
export type MatrixProvider = z.infer<typeof matrixProviderSchema>;

/**
 * The active organisations serving the place's county whose kind the matrix gives the service, the
 * leads first and the nearest first; `suggested` marks the one routing proposes (none when no kind
 * that leads it has an organisation there — the county's gap).
 */
export const matrixProvidersSchema = z.object({
  divisionCode: z.string(),
  countyCode: z.string(),
  service: serviceSchema,
  asOf: z.string(),
  providers: z.array(matrixProviderSchema),
});
export type MatrixProviders = z.infer<typeof matrixProvidersSchema>;
