import { useQuery } from '@tanstack/react-query';
import { requestFile, requestJson } from '../../../app/api/client';
import { list, num, obj, str, strings, type Obj } from './read';

/** The ledger fields a column can be mapped to (src/features/registry/ledger/model.ts). */
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

export interface ImportColumn {
  index: number;
  header: string;
  field: string | null;
  samples: string[];
}

/** A sheet column no field is mapped to: it is not imported, and the wizard says so. */
export interface IgnoredColumn {
  index: number;
  header: string;
}

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string | null;
  code: string;
  severity: 'error' | 'warning';
  message: string | null;
  params: Obj;
}

export interface ImportCounts {
  rows: number;
  ok: number;
  problems: number;
  warnings: number;
  alreadyRegistered: number;
  duplicates: number;
}

export interface Notice {
  code: string;
  message: string | null;
  params: Obj;
}

export interface LedgerImport {
  id: string;
  fileName: string;
  status: string;
  sheets: { name: string; rows: number; headerRow: number | null }[];
  sheet: string | null;
  headerRow: number | null;
  columns: ImportColumn[];
  /** Field → 1-based column. */
  mapping: Record<string, number>;
  ignoredColumns: IgnoredColumn[];
  notices: Notice[];
  counts: ImportCounts | null;
  progress: { rowsDone: number; rowsTotal: number | null; createdChildren: number };
  lastError: string | null;
  committedAt: string | null;
  version: number;
}

export interface DryRunReport {
  counts: ImportCounts;
  problems: ImportProblem[];
  notices: Notice[];
  ignoredColumns: IgnoredColumn[];
}

function counts(value: unknown): ImportCounts | null {
  if (!value || typeof value !== 'object') return null;
  const item = obj(value);
  const n = (key: string) => num(item[key]) ?? 0;
  return {
    rows: n('rows'),
    ok: n('ok'),
    problems: n('problems'),
    warnings: n('warnings'),
    alreadyRegistered: n('alreadyRegistered'),
    duplicates: n('duplicates'),
  };
}

const ignored = (value: unknown): IgnoredColumn[] =>
  list(value, (item) =>
    num(item.index) === null ? null : { index: num(item.index) ?? 0, header: str(item.header) ?? '' },
  );

const notices = (value: unknown): Notice[] =>
  list(value, (item) =>
    str(item.code) ? { code: str(item.code) ?? '', message: str(item.message), params: obj(item.params) } : null,
  );

export function parseImport(value: unknown): LedgerImport {
  const body = obj(value);
  const id = str(body.id);
  if (!id) throw new Error('unreadable import');
  const progress = obj(body.progress);
  const mapping: Record<string, number> = {};
  for (const [field, column] of Object.entries(obj(body.mapping)))
    if (typeof column === 'number') mapping[field] = column;
  return {
    id,
    fileName: str(body.fileName) ?? '',
    status: str(body.status) ?? 'uploaded',
    sheets: list(body.sheets, (sheet) =>
      str(sheet.name) === null
        ? null
        : { name: str(sheet.name) ?? '', rows: num(sheet.rows) ?? 0, headerRow: num(sheet.headerRow) },
    ),
    sheet: str(body.sheet),
    headerRow: num(body.headerRow),
    columns: list(body.columns, (column) => {
      const index = num(column.index);
      return index === null
        ? null
        : { index, header: str(column.header) ?? '', field: str(column.field), samples: strings(column.samples) };
    }),
    mapping,
    ignoredColumns: ignored(body.ignoredColumns),
    notices: notices(body.notices),
    counts: counts(body.counts),
    progress: {
      rowsDone: num(progress.rowsDone) ?? 0,
      rowsTotal: num(progress.rowsTotal),
      createdChildren: num(progress.createdChildren) ?? 0,
    },
    lastError: str(body.lastError),
    committedAt: str(body.committedAt),
    version: num(body.version) ?? 0,
  };
}

export function parseReport(value: unknown): DryRunReport {
  const body = obj(value);
  return {
    counts: counts(body.counts) ?? { rows: 0, ok: 0, problems: 0, warnings: 0, alreadyRegistered: 0, duplicates: 0 },
    problems: list(body.problems, (problem) => ({
      sheet: str(problem.sheet) ?? '',
      row: num(problem.row) ?? 0,
      column: str(problem.column),
      code: str(problem.code) ?? '',
      severity: problem.severity === 'warning' ? 'warning' : 'error',
      message: str(problem.message),
      params: obj(problem.params),
    })),
    notices: notices(body.notices),
    ignoredColumns: ignored(body.ignoredColumns),
  };
}

const key = () => ({ 'Idempotency-Key': crypto.randomUUID() });

/** The file as it is (application/octet-stream); the same file again answers with its earlier batch. */
export async function uploadLedger(file: File): Promise<LedgerImport> {
  return parseImport(
    await requestJson('/api/imports', {
      method: 'POST',
      rawBody: file,
      headers: { ...key(), 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    }),
  );
}

export async function saveMapping(
  id: string,
  body: { version: number; sheet: string; headerRow: number; mapping: Record<string, number> },
): Promise<LedgerImport> {
  return parseImport(await requestJson(`/api/imports/${id}/mapping`, { method: 'PUT', body, headers: key() }));
}

export async function dryRun(id: string): Promise<DryRunReport> {
  return parseReport(await requestJson(`/api/imports/${id}/dry-run`, { method: 'POST', body: {}, headers: key() }));
}

export async function commitImport(id: string): Promise<LedgerImport> {
  return parseImport(await requestJson(`/api/imports/${id}/commit`, { method: 'POST', body: {}, headers: key() }));
}

/** While a commit runs: read again every second until it is done. */
export function useImport(id: string | undefined, polling: boolean) {
  return useQuery({
    queryKey: ['imports', id],
    enabled: id !== undefined,
    queryFn: async ({ signal }) => parseImport(await requestJson(`/api/imports/${id ?? ''}`, { signal })),
    refetchInterval: polling ? 1000 : false,
  });
}

export function isFinished(status: string): boolean {
  return status === 'committed' || status === 'failed';
}

export async function download(path: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await requestFile(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
