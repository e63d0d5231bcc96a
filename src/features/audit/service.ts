import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import type { Locale } from '../../platform/i18n/locale.js';
import {
  type AuditFilter,
  auditPageSize,
  type AuditSearch,
  type AuditSearchResult,
} from '../../contract/audit/audit.js';
import { withReferences } from './references.js';
import { countAuditEntries, eachAuditEntry, findAuditEntries } from './store.js';
import { writeAuditWorkbook } from './workbook.js';

export const exportRowCap = 100_000;

/** Drops empty filters so the audit entry of a search records exactly what was asked. */
function filterOf(input: AuditFilter): AuditFilter {
  const entries = Object.entries(input).filter(([, value]) => value !== undefined && value !== '');
  return Object.fromEntries(entries) as AuditFilter;
}

/**
 * An auditor's search of the audit log. Looking at who looked is itself looked at: the search is
 * recorded (`audit.search`) before its results are handed out.
 */
export async function searchAuditLog(
  db: Kysely<Database>,
  actor: Actor,
  search: AuditSearch,
): Promise<AuditSearchResult> {
  const { before, page, ...rest } = search;
  const filter = filterOf(rest);
  const [total, rows] = await Promise.all([
    countAuditEntries(db, filter),
    findAuditEntries(db, filter, { limit: auditPageSize, beforeId: before, offset: (page - 1) * auditPageSize }),
  ]);
  const last = rows.at(-1);
  await recordAudit(db, actor, {
    action: 'audit.search',
    entityType: 'audit_log',
    details: { filter, ...(before === undefined ? { page } : { before }), returned: rows.length, total },
  });
  return {
    rows: await withReferences(db, rows),
    total,
    page: before === undefined ? page : null,
    pageSize: auditPageSize,
    nextBefore: rows.length === auditPageSize && last ? last.id : null,
  };
}

export interface AuditExport {
  file: Buffer;
  filename: string;
  rows: number;
  total: number;
  truncated: boolean;
}

/**
 * The matching entries as an .xlsx in the caller's language, newest first, at most `cap` rows.
 * The file leaves only after its `audit.export` entry is written.
 */
export async function exportAuditLog(
  db: Kysely<Database>,
  actor: Actor,
  input: AuditFilter,
  locale: Locale,
  cap = exportRowCap,
): Promise<AuditExport> {
  const filter = filterOf(input);
  const total = await countAuditEntries(db, filter);
  const truncated = total > cap;
  const { file, rows } = await writeAuditWorkbook(
    eachAuditEntry(db, filter, cap),
    locale,
    truncated ? { total, cap } : null,
  );
  await recordAudit(db, actor, {
    action: 'audit.export',
    entityType: 'audit_log',
    details: { filter, rows, total, truncated, format: 'xlsx' },
  });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  return { file, filename: `haven-audit-${stamp}.xlsx`, rows, total, truncated };
}
