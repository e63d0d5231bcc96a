import { z } from 'zod';

/** What a ledger column can mean; the mapping says which sheet column holds each. */
export const ledgerFields = [
  'name',
  'sex',
  'idNumber',
  'birthDate',
  'ethnicity',
  'hukouAddress',
  'hukouCode',
  'address',
  'residenceCode',
  'township',
  'village',
  'category',
  'guardianName',
  'guardianRelation',
  'guardianPhone',
  'school',
  'grade',
  'disabilityType',
  'disabilityGrade',
] as const;
export type LedgerField = (typeof ledgerFields)[number];

/** Field → 1-based column number in the chosen sheet. */
export type LedgerMapping = Partial<Record<LedgerField, number>>;
export const ledgerMappingSchema = z.partialRecord(z.enum(ledgerFields), z.number().int().min(1).max(16384));

export interface LedgerColumn {
  index: number;
  header: string;
  field: LedgerField | null;
  samples: string[];
}

/** A column of the sheet that no field is mapped to: listed, never dropped in silence. */
export interface IgnoredColumn {
  index: number;
  header: string;
}

/** The columns the mapping does not use and that hold a header or a value. */
export function ignoredColumns(columns: readonly LedgerColumn[], mapping: LedgerMapping): IgnoredColumn[] {
  const used = new Set(Object.values(mapping));
  return columns
    .filter((c) => !used.has(c.index) && (c.header !== '' || c.samples.some((s) => s !== '')))
    .map((c) => ({ index: c.index, header: c.header }));
}

export const ignoredColumnsSchema = z
  .array(z.object({ index: z.number(), header: z.string() }))
  .meta({ description: 'columns of the sheet no field is mapped to: they are not imported' });

export interface SheetSummary {
  name: string;
  /** Rows with any value, including title and header rows. */
  rows: number;
  headerRow: number | null;
  /** How many fields the detected header recognised. */
  recognised: number;
}

export type ProblemParams = Record<string, string | number>;

export interface ImportNotice {
  code: string;
  params: ProblemParams;
}

export const problemSeverities = ['error', 'warning'] as const;
export type ProblemSeverity = (typeof problemSeverities)[number];

export interface RowProblem {
  sheet: string;
  /** The row number as the sheet shows it (1-based, title rows counted). */
  row: number;
  /** Header text of the column the problem is in, or null for the whole row. */
  column: string | null;
  field: LedgerField | null;
  code: string;
  severity: ProblemSeverity;
  params: ProblemParams;
}

export interface ImportCounts {
  rows: number;
  ok: number;
  problems: number;
  warnings: number;
  alreadyRegistered: number;
  duplicates: number;
}

export const importCountsSchema = z.object({
  rows: z.number(),
  ok: z.number(),
  problems: z.number().meta({ description: 'rows with at least one error (not imported)' }),
  warnings: z.number().meta({ description: 'rows imported with a warning' }),
  alreadyRegistered: z
    .number()
    .meta({ description: 'rows whose ID number is already registered (skipped, not an error)' }),
  duplicates: z.number().meta({ description: 'rows that repeat an ID in the file or are likely an existing child' }),
});

export const rowProblemSchema = z.object({
  sheet: z.string(),
  row: z.number(),
  column: z.string().nullable(),
  field: z.enum(ledgerFields).nullable(),
  code: z.string().meta({ description: 'stable code, e.g. ledger.id_check_digit' }),
  severity: z.enum(problemSeverities),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string().meta({ description: "in the caller's language" }),
});

export const noticeSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});

export const importBatchSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  status: z.enum(['uploaded', 'checked', 'committing', 'committed', 'failed']),
  sheets: z.array(
    z.object({ name: z.string(), rows: z.number(), headerRow: z.number().nullable(), recognised: z.number() }),
  ),
  sheet: z.string().nullable(),
  headerRow: z.number().nullable(),
  columns: z.array(
    z.object({
      index: z.number(),
      header: z.string(),
      field: z.enum(ledgerFields).nullable(),
      samples: z.array(z.string()),
    }),
  ),
  mapping: ledgerMappingSchema,
  ignoredColumns: ignoredColumnsSchema,
  notices: z
    .array(noticeSchema)
    .meta({ description: 'things the user should confirm, e.g. two rows that both look like headers' }),
  counts: importCountsSchema.nullable(),
  progress: z.object({ rowsDone: z.number(), rowsTotal: z.number().nullable(), createdChildren: z.number() }),
  lastError: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportBatchView = z.infer<typeof importBatchSchema>;

export const dryRunReportSchema = z.object({
  importId: z.string(),
  sheet: z.string(),
  headerRow: z.number(),
  counts: importCountsSchema,
  problems: z.array(rowProblemSchema),
  notices: z.array(noticeSchema),
  ignoredColumns: ignoredColumnsSchema,
});
export type DryRunReport = z.infer<typeof dryRunReportSchema>;

export const mappingBodySchema = z.object({
  version: z.number().int().min(1),
  sheet: z.string().min(1).max(200),
  headerRow: z.number().int().min(1),
  mapping: ledgerMappingSchema,
});
export type MappingBody = z.infer<typeof mappingBodySchema>;
