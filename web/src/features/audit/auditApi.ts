import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type AuditEntryView, type AuditSearchResult, auditSearchResultSchema } from '@contract/audit/audit.js';
import { queryString, requestFile, requestParsed } from '../../app/api/client';

export type AuditEntry = AuditEntryView;

export interface AuditFilters {
  actor?: string | undefined;
  action?: string | undefined;
  childCode?: string | undefined;
  outcome?: string | undefined;
  /** Calendar days (China Standard Time on the server), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

export type AuditPage = AuditSearchResult;

export function useAuditSearch(filters: AuditFilters, page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'search', filters, page],
    enabled,
    // Every search is itself audited: ask again only when asked to.
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }): Promise<AuditPage> =>
      requestParsed(auditSearchResultSchema, `/api/audit${queryString({ ...filters, page })}`, { signal }),
  });
}

/** The matching entries as .xlsx in the reader's language (the export is audited too). */
export async function downloadAuditExport(filters: AuditFilters): Promise<{ truncated: boolean; rows: number }> {
  const { blob, filename, headers } = await requestFile(`/api/audit/export${queryString({ ...filters })}`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? 'haven-audit.xlsx';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return {
    truncated: headers.get('x-haven-export-truncated') === 'true',
    rows: Number(headers.get('x-haven-export-rows') ?? '0'),
  };
}
