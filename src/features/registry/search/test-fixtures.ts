import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { childSearchKeys } from '../search-keys.js';
import type { CategoryCode, ChildStatus } from '../tables.js';

/* Fixtures for this folder's tests: children written the way the registry writes them. */

export const places = {
  chenlong: '421002101201',
  shakou: '421002101204',
  nongli: '421022100201',
  heyi: '421022100206',
} as const;

export function officer(jurisdiction: string[], permissions: string[] = ['children.read', 'children.write']): Actor {
  return {
    kind: 'user',
    userId: null,
    organisationId: null,
    label: 'test officer',
    roles: ['civil_affairs_officer'],
    permissions: new Set(permissions),
    jurisdiction,
    locale: 'zh-CN',
    ip: null,
    requestId: null,
  };
}

export interface ChildFixture {
  name: string;
  birthDate?: string | null;
  residence?: string;
  idNumber?: string | null;
  formerNames?: string[];
  status?: ChildStatus;
  riskGrade?: 'low' | 'medium_low' | 'medium_high' | 'high';
  categories?: CategoryCode[];
  guardians?: Array<{ name: string; phone?: string; relation?: string }>;
}

export async function addChild(db: Kysely<Database>, child: ChildFixture): Promise<string> {
  const keys = childSearchKeys(child.name, child.formerNames ?? []);
  const row = await db
    .insertInto('children')
    .values({
      name: child.name,
      former_names: child.formerNames ?? [],
      birth_date: child.birthDate === undefined ? '2015-03-02' : child.birthDate,
      id_number: child.idNumber ?? null,
      residence_code: child.residence ?? places.chenlong,
      hukou_code: child.residence ?? places.chenlong,
      status: child.status ?? 'active',
      risk_grade: child.riskGrade ?? null,
      name_grams: keys.nameGrams,
      pinyin_text: keys.pinyinText,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const category of child.categories ?? []) {
    await db.insertInto('child_categories').values({ child_id: row.id, category, state: 'confirmed' }).execute();
  }
  for (const guardian of child.guardians ?? []) {
    await db
      .insertInto('family_members')
      .values({
        child_id: row.id,
        relation: guardian.relation ?? 'mother',
        is_guardian: true,
        name: guardian.name,
        phone: guardian.phone ?? null,
      })
      .execute();
  }
  return row.id;
}
