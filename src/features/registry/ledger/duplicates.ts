import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import type { ChildDraft } from './validate.js';
import { systemScope } from '../../../core/scope/system-scope.js';

/**
 * Set-based checks of one batch of drafts against the registry (every live file, whatever the
 * importer's scope: a child must not be registered twice because the earlier file sits elsewhere).
 * Returns the rows already registered by ID number and the rows that likely are an existing child
 * (same name and birth date, or the same name under the same guardian phone).
 */
export async function checkAgainstRegistry(
  db: Kysely<Database>,
  drafts: readonly ChildDraft[],
): Promise<{ registered: Set<number>; likely: Map<number, string> }> {
  const registered = new Set<number>();
  const likely = new Map<number, string>();
  if (drafts.length === 0) return { registered, likely };
  const ids = drafts.map((d) => d.idNumber).filter((id): id is string => id !== null);
  if (ids.length > 0) {
    const rows = await db
      .selectFrom('children')
      .where(systemScope('a ledger row is checked against the whole registry for an ID number already registered'))
      .select('id_number')
      .where('id_number', '=', sql<string>`ANY(${sql.val(ids)}::text[])`)
      .where('status', '<>', 'merged')
      .execute();
    const known = new Set(rows.map((r) => r.id_number));
    for (const draft of drafts) if (draft.idNumber && known.has(draft.idNumber)) registered.add(draft.row);
  }
  const rest = drafts.filter((d) => !registered.has(d.row) && d.birthDate);
  if (rest.length > 0) {
    const names = rest.map((d) => d.name);
    const dates = rest.map((d) => d.birthDate!);
    const matches = await sql<{ name: string; birth_date: string; haven_code: string; id_number: string | null }>`
      SELECT c.name, c.birth_date::text AS birth_date, c.haven_code, c.id_number
      FROM children c
      JOIN unnest(${names}::text[], ${dates}::date[]) AS d(name, birth_date) ON c.name = d.name AND c.birth_date = d.birth_date
      WHERE c.status <> 'merged'`.execute(db);
    const byKey = new Map(matches.rows.map((m) => [`${m.name}|${m.birth_date}`, m]));
    for (const draft of rest) {
      const match = byKey.get(`${draft.name}|${draft.birthDate}`);
      // Two different valid ID numbers are two children, whatever their names.
      if (match && !(draft.idNumber && match.id_number && draft.idNumber !== match.id_number))
        likely.set(draft.row, match.haven_code);
    }
  }
  return { registered, likely };
}
