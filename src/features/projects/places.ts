import type { Kysely, Transaction } from 'kysely';
import { levelOf, subtreePrefix } from '../../core/places.js';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function divisionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('divisions')
    .select(['code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((row) => [row.code, row.name]));
}

/**
 * The current counties an area covers: a city (or province) gives every county in it, a county or
 * a place below it gives its own county.
 */
export async function countiesOf(db: Db, areaCodes: readonly string[]): Promise<{ code: string; name: string }[]> {
  const wide = areaCodes.filter((code) => ['province', 'city'].includes(levelOf(code) ?? ''));
  const narrow = areaCodes.filter((code) => !wide.includes(code)).map((code) => code.slice(0, 6).padEnd(12, '0'));
  let query = db
    .selectFrom('divisions')
    .select(['code', 'name'])
    .where('level', '=', 'county')
    .where('valid_to', 'is', null);
  query = query.where((eb) =>
    eb.or([
      ...wide.map((code) => eb('code', 'like', `${subtreePrefix(code)}%`)),
      ...(narrow.length > 0 ? [eb('code', 'in', narrow)] : []),
      eb.val(false),
    ]),
  );
  return query.orderBy('code').execute();
}
