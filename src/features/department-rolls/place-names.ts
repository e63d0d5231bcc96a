import type { Kysely, Transaction } from 'kysely';
import { subtreePrefix } from '../../core/places.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';

/*
 * A roll's place given by name ("合意村", "埠河镇合意村", "公安县埠河镇合意村") rather than by a
 * division code, resolved against the division table inside the uploader's area: a name outside it
 * is not found, like a child outside it. Two villages of one name in the area are both kept (the
 * township in the text tells them apart when it is given).
 */

type Db = Kysely<Database> | Transaction<Database>;

export interface NamedDivision {
  code: string;
  name: string;
  shortName: string;
  parentCode: string | null;
}

/** The current counties, townships and villages in the actor's area (where it sees children by place). */
export async function divisionsInScope(db: Db, actor: Actor): Promise<NamedDivision[]> {
  const prefixes = (actor.childJurisdiction ?? actor.jurisdiction).map(subtreePrefix);
  if (prefixes.length === 0) return [];
  const rows = await db
    .selectFrom('divisions')
    .select(['code', 'name', 'short_name', 'parent_code'])
    .where('valid_to', 'is', null)
    .where('level', 'in', ['county', 'township', 'village'])
    .where((eb) => eb.or(prefixes.map((prefix) => eb('code', 'like', `${prefix}%`))))
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, shortName: r.short_name, parentCode: r.parent_code }));
}

export interface PlaceIndex {
  byName: Map<string, NamedDivision[]>;
  byCode: Map<string, NamedDivision>;
}

export function placeIndexOf(divisions: readonly NamedDivision[]): PlaceIndex {
  const byName = new Map<string, NamedDivision[]>();
  const byCode = new Map<string, NamedDivision>();
  for (const division of divisions) {
    byCode.set(division.code, division);
    for (const key of new Set([division.name, division.shortName]))
      byName.set(key, [...(byName.get(key) ?? []), division]);
  }
  return { byName, byCode };
}

const named = (division: NamedDivision | undefined, text: string) =>
  division !== undefined && (text.endsWith(division.name) || text.endsWith(division.shortName));

/**
 * The division codes a place name stands for (pure): the longest known name the text ends with,
 * and, when the text names more before it, only those whose township (or county) it names.
 */
export function resolvePlaceName(text: string, index: PlaceIndex): string[] {
  for (let start = 0; start < text.length; start += 1) {
    const candidates = index.byName.get(text.slice(start));
    if (!candidates) continue;
    const rest = text.slice(0, start);
    if (rest === '') return candidates.map((c) => c.code);
    return candidates
      .filter((c) => {
        const parent = c.parentCode ? index.byCode.get(c.parentCode) : undefined;
        const grandparent = parent?.parentCode ? index.byCode.get(parent.parentCode) : undefined;
        return named(parent, rest) || named(grandparent, rest);
      })
      .map((c) => c.code);
  }
  return [];
}

/** Every distinct place name of the rows resolved at once (one read of the area's divisions). */
export async function resolvePlaceNames(db: Db, actor: Actor, names: readonly string[]) {
  const resolved = new Map<string, string[]>();
  if (names.length === 0) return resolved;
  const index = placeIndexOf(await divisionsInScope(db, actor));
  for (const name of new Set(names)) resolved.set(name, resolvePlaceName(name, index));
  return resolved;
}
