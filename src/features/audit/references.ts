import type { Kysely } from 'kysely';
import type { AuditEntryView } from '../../contract/audit/audit.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { Database } from '../../platform/db/schema.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const why = 'an auditor reads every entry; the record is named by its reference, never its contents';

type Lookup = (db: Kysely<Database>, ids: string[]) => Promise<{ id: string; ref: string }[]>;

// The reference a person reads on screen for each kind of record: the case and report numbers,
// the child's file number (HV…, not the name: the audit log is not scoped to a place), a person's
// and an organisation's name.
const lookups: Record<string, Lookup> = {
  case: (db, ids) =>
    db
      .selectFrom('cases')
      .select(['cases.id', 'cases.case_no as ref'])
      .where('cases.id', 'in', ids)
      .where(systemScope(why))
      .execute(),
  report: (db, ids) =>
    db
      .selectFrom('reports')
      .select(['reports.id', 'reports.ref_no as ref'])
      .where('reports.id', 'in', ids)
      .where(systemScope(why))
      .execute(),
  child: (db, ids) =>
    db
      .selectFrom('children')
      .select(['children.id', 'children.haven_code as ref'])
      .where('children.id', 'in', ids)
      .where(systemScope(why))
      .execute(),
  user: (db, ids) => db.selectFrom('users').select(['id', 'display_name as ref']).where('id', 'in', ids).execute(),
  organisation: (db, ids) =>
    db.selectFrom('organisations').select(['id', 'name as ref']).where('id', 'in', ids).execute(),
};

/** The page's entries with each record and child named by its human reference (one query per kind). */
export async function withReferences(db: Kysely<Database>, rows: AuditEntryView[]): Promise<AuditEntryView[]> {
  const wanted = new Map<string, Set<string>>();
  const want = (type: string | null, id: string | null) => {
    if (!type || !id || !uuid.test(id) || !(type in lookups)) return;
    const ids = wanted.get(type) ?? new Set<string>();
    ids.add(id);
    wanted.set(type, ids);
  };
  for (const row of rows) {
    want(row.entityType, row.entityId);
    want('child', row.childId);
  }
  const refs = new Map<string, string>();
  await Promise.all(
    [...wanted].map(async ([type, ids]) => {
      const lookup = lookups[type];
      if (!lookup) return;
      for (const { id, ref } of await lookup(db, [...ids])) refs.set(`${type}:${id}`, ref);
    }),
  );
  return rows.map((row) => ({
    ...row,
    entityRef: row.entityType && row.entityId ? (refs.get(`${row.entityType}:${row.entityId}`) ?? null) : null,
    childRef: row.childId ? (refs.get(`child:${row.childId}`) ?? null) : null,
  }));
}
