import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { isRecord, queryString, requestFile, requestJson } from '../../app/api/client';

export interface AuditEntry {
  id: string;
  occurredAt: string;
  actorLabel: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  childId: string | null;
  outcome: string;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilters {
  actor?: string | undefined;
  action?: string | undefined;
  childId?: string | undefined;
  outcome?: string | undefined;
  /** Calendar days (China Standard Time on the server), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditPage {
  rows: AuditEntry[];
  total: number;
  pageSize: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

function parseEntry(value: unknown): AuditEntry | null {
  if (!isRecord(value) || typeof value.id !== 'string') return null;
  return {
    id: value.id,
    occurredAt: text(value.occurredAt) ?? '',
    actorLabel: text(value.actorLabel) ?? '',
    action: text(value.action) ?? '',
    entityType: text(value.entityType),
    entityId: text(value.entityId),
    childId: text(value.childId),
    outcome: text(value.outcome) ?? '',
    ip: text(value.ip),
    details: isRecord(value.details) ? value.details : {},
  };
}

export function useAuditSearch(filters: AuditFilters, page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'search', filters, page],
    enabled,
    // Every search is itself audited: ask again only when asked to.
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }): Promise<AuditPage> => {
      const body = await requestJson(`/api/audit${queryString({ ...filters, page })}`, { signal });
      const rows =
        isRecord(body) && Array.isArray(body.rows)
          ? body.rows.map(parseEntry).filter((row): row is AuditEntry => row !== null)
          : [];
      return {
        rows,
        total: isRecord(body) && typeof body.total === 'number' ? body.total : rows.length,
        pageSize: isRecord(body) && typeof body.pageSize === 'number' ? body.pageSize : 20,
      };
    },
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

/** Actions offered as suggestions; any other action code (or a prefix such as `auth.`) can be typed. */
export const knownActions = [
  'auth.sign_in',
  'auth.second_factor',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'auth.password_changed',
  'auth.totp_enrolled',
  'auth.account_locked',
  'child.read',
  'children.read',
  'users.create',
  'users.password_reset',
  'users.lock',
  'users.unlock',
  'organisations.create',
  'audit.search',
  'audit.export',
] as const;

export type KnownAction = (typeof knownActions)[number];

export function isKnownAction(action: string): action is KnownAction {
  return (knownActions as readonly string[]).includes(action);
}
