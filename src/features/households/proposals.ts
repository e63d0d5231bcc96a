import { type Kysely, sql, type Transaction } from 'kysely';
import type { HouseholdProposal } from '../../contract/households/households.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { maskIdNumber } from '../../platform/access/masking.js';
import type { Database } from '../../platform/db/schema.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Files that look like one household: active children in my scope, not yet in a household
 * together, whose files name the same guardian (same ID number) and who live in the same village
 * (their addresses, when both are given, the same). Groups a person judged "not one family" are
 * left out. Only a proposal: linking is a person's decision.
 */
export async function householdProposals(db: Db, actor: Actor, limit = 50): Promise<HouseholdProposal[]> {
  const rows = await db
    .with('mine', (qb) =>
      qb
        .selectFrom('children')
        .where(childInScope(actor))
        .where('children.status', '=', 'active')
        .where('children.merged_into', 'is', null)
        .select([
          'children.id',
          'children.name',
          'children.birth_date',
          'children.residence_code',
          'children.address',
          sql<string | null>`(SELECT hc.household_id FROM household_children hc
            WHERE hc.child_id = children.id AND hc.to_at IS NULL)`.as('household_id'),
        ]),
    )
    .selectFrom('mine as c')
    .innerJoin('family_members as m', (join) =>
      join
        .onRef('m.child_id', '=', 'c.id')
        .on('m.is_guardian', '=', true)
        .on('m.removed_at', 'is', null)
        .on('m.id_number', 'is not', null),
    )
    .select([
      'm.id_number',
      'c.residence_code',
      sql<string>`min(m.name)`.as('guardian_name'),
      sql<string[]>`array_agg(DISTINCT c.id ORDER BY c.id)`.as('child_ids'),
      sql<{ id: string; name: string; birthDate: string | null }[]>`jsonb_agg(DISTINCT jsonb_build_object(
        'id', c.id, 'name', c.name, 'birthDate', c.birth_date))`.as('children'),
      sql<boolean>`count(DISTINCT c.address) FILTER (WHERE c.address IS NOT NULL) <= 1`.as('same_address'),
      sql<number>`count(DISTINCT coalesce(c.household_id::text, c.id::text))`.as('groups'),
      sql<
        string | null
      >`(SELECT d.name FROM divisions d WHERE d.code = c.residence_code AND d.valid_to IS NULL LIMIT 1)`.as(
        'residence_name',
      ),
    ])
    .groupBy(['m.id_number', 'c.residence_code'])
    .having(sql<boolean>`count(DISTINCT c.id) >= 2`)
    .having(sql<boolean>`count(DISTINCT coalesce(c.household_id::text, c.id::text)) >= 2`)
    .having(sql<boolean>`count(DISTINCT c.address) FILTER (WHERE c.address IS NOT NULL) <= 1`)
    .having(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM household_link_decisions d
        WHERE d.child_ids = array_agg(DISTINCT c.id ORDER BY c.id))`,
    )
    .orderBy('c.residence_code')
    .orderBy(sql`min(m.name)`)
    .limit(limit)
    .execute();
  const unmask = hasPermission(actor, 'children.unmask');
  return rows.map((r) => ({
    childIds: r.child_ids,
    children: r.children
      .map((c) => ({ childId: c.id, name: c.name, birthDate: c.birthDate }))
      .sort((a, b) => (a.birthDate ?? '').localeCompare(b.birthDate ?? '')),
    guardianName: r.guardian_name,
    guardianIdNumber: unmask ? r.id_number : maskIdNumber(r.id_number),
    residenceCode: r.residence_code,
    residenceName: r.residence_name,
    sameAddress: r.same_address,
  }));
}

/** Whether Haven proposes linking exactly these children (the reviewed basis of a link). */
export async function isProposed(db: Db, actor: Actor, childIds: readonly string[]): Promise<boolean> {
  const sorted = [...childIds].sort();
  const proposals = await householdProposals(db, actor, 1000);
  return proposals.some((p) => sorted.every((id) => p.childIds.includes(id)));
}
