import type { Kysely } from 'kysely';
import { namedChildrenCounties } from '../../src/demo/jingzhou-children.js';
import type { Database } from '../../src/platform/db/schema.js';

/**
 * Children of the named demo (and those tests register beside them) by name. The demo's synthetic
 * children are generated as of today, so any given day may give one of them the same name; they
 * never live in the named children's counties, which is what tells them apart.
 */
export function namedChildren(db: Kysely<Database>, name: string) {
  return db
    .selectFrom('children')
    .where('name', '=', name)
    .where((eb) => eb.or(namedChildrenCounties.map((county) => eb('residence_code', 'like', `${county}%`))));
}
