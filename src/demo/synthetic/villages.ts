import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { SynthVillage } from './child.js';

/** Current villages and communities under a division prefix ('4210' = 荆州市, '42' = 湖北省), with their township, county and city names. */
export async function loadSynthVillages(
  db: Kysely<Database>,
  prefix: string,
  excludeCounties: readonly string[] = [],
): Promise<SynthVillage[]> {
  const rows = await sql<SynthVillage>`
    SELECT v.code, v.short_name AS name, t.short_name AS township, c.short_name AS county, ci.short_name AS city
    FROM divisions v
    JOIN divisions t ON t.code = v.parent_code
    JOIN divisions c ON c.code = t.parent_code
    JOIN divisions ci ON ci.code = c.parent_code
    WHERE v.level = 'village' AND v.valid_to IS NULL AND v.code LIKE ${`${prefix}%`}
    ORDER BY v.code`.execute(db);
  return rows.rows.filter((v) => !excludeCounties.includes(v.code.slice(0, 6)));
}
