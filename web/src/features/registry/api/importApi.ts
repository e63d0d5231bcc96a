import { useQuery } from '@tanstack/react-query';
import {
  type DryRunReport as ContractDryRunReport,
  dryRunReportSchema,
  type ImportBatchView,
  importBatchSchema,
  type MappingBody,
} from '@contract/registry/ledger.js';
import { requestFile, requestParsed } from '../../../app/api/client';

export { ledgerFields } from '@contract/registry/ledger.js';

export type LedgerImport = ImportBatchView;
export type ImportColumn = LedgerImport['columns'][number];
/** A sheet column no field is mapped to: it is not imported, and the wizard says so. */
export type IgnoredColumn = LedgerImport['ignoredColumns'][number];
export type ImportCounts = NonNullable<LedgerImport['counts']>;
export type Notice = LedgerImport['notices'][number];
export type DryRunReport = ContractDryRunReport;
export type ImportProblem = DryRunReport['problems'][number];

const key = () => ({ 'Idempotency-Key': crypto.randomUUID() });

/** The file as it is (application/octet-stream); the same file again answers with its earlier batch. */
export async function uploadLedger(file: File): Promise<LedgerImport> {
  return requestParsed(importBatchSchema, '/api/imports', {
    method: 'POST',
    rawBody: file,
    headers: { ...key(), 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
  });
}

export async function saveMapping(id: string, body: MappingBody): Promise<LedgerImport> {
  return requestParsed(importBatchSchema, `/api/imports/${id}/mapping`, { method: 'PUT', body, headers: key() });
}

export async function dryRun(id: string): Promise<DryRunReport> {
  return requestParsed(dryRunReportSchema, `/api/imports/${id}/dry-run`, { method: 'POST', body: {}, headers: key() });
}

export async function commitImport(id: string): Promise<LedgerImport> {
  return requestParsed(importBatchSchema, `/api/imports/${id}/commit`, { method: 'POST', body: {}, headers: key() });
}

/** While a commit runs: read again every second until it is done. */
export function useImport(id: string | undefined, polling: boolean) {
  return useQuery({
    queryKey: ['imports', id],
    enabled: id !== undefined,
    queryFn: ({ signal }) => requestParsed(importBatchSchema, `/api/imports/${id ?? ''}`, { signal }),
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
