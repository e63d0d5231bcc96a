import type { Kysely, Transaction } from 'kysely';
import { maskIdNumber } from '../../../platform/access/masking.js';
import { shanghaiDateOf } from '../../../platform/calendar/iso-date.js';
import type { Database } from '../../../platform/db/schema.js';
import type { ChildListItem } from '../../../contract/registry/search.js';
import { ageOn } from './rules.js';
import { confirmedCategories, residenceNames, type SearchRow } from './store.js';

/** List items of children already read through the scope: identifiers masked, place named. */
export async function presentChildren(
  db: Kysely<Database> | Transaction<Database>,
  rows: readonly SearchRow[],
  now = new Date(),
): Promise<ChildListItem[]> {
  const today = shanghaiDateOf(now);
  const [places, categories] = await Promise.all([
    residenceNames(db as Kysely<Database>, [...new Set(rows.map((row) => row.residence_code))]),
    confirmedCategories(
      db as Kysely<Database>,
      rows.map((row) => row.id),
    ),
  ]);
  return rows.map((row) => ({
    id: row.id,
    havenCode: row.haven_code,
    name: row.name,
    sex: row.sex,
    birthDate: row.birth_date,
    age: row.birth_date ? ageOn(row.birth_date, today) : null,
    idNumber: maskIdNumber(row.id_number),
    hasIdNumber: row.id_number !== null,
    residenceCode: row.residence_code,
    residenceName: places.get(row.residence_code) ?? row.residence_code,
    categories: categories.get(row.id) ?? [],
    riskGrade: row.risk_grade,
    status: row.status,
    matchedOn: row.matched,
    version: row.version,
  }));
}
