import { type Kysely, sql, type Transaction } from 'kysely';
import type { HouseholdView } from '../../contract/households/households.js';
import type { RelationCode, SituationKind } from '../../contract/registry/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { maskIdNumber } from '../../platform/access/masking.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Households with at least one child in my scope (by id, or all of them in my area), each with the
 * children I may see, and the people on several of their files — the same ID number, else the same
 * name and relation — with each copy's situations, so a fact entered on one file only shows.
 */
export async function readHouseholds(db: Db, actor: Actor, where: { id?: string; childId?: string } = {}) {
  const visible = await db
    .selectFrom('household_children as hc')
    .innerJoin('children', 'children.id', 'hc.child_id')
    .where(childInScope(actor))
    .where('hc.to_at', 'is', null)
    .$if(Boolean(where.id), (qb) => qb.where('hc.household_id', '=', where.id!))
    .$if(Boolean(where.childId), (qb) =>
      qb.where('hc.household_id', 'in', (eb) =>
        eb
          .selectFrom('household_children as own')
          .select('own.household_id')
          .where('own.child_id', '=', where.childId!)
          .where('own.to_at', 'is', null),
      ),
    )
    .select(['hc.household_id', 'hc.from_at', 'children.id', 'children.name', 'children.birth_date'])
    .orderBy('children.birth_date')
    .limit(500)
    .execute();
  const ids = [...new Set(visible.map((v) => v.household_id))];
  if (ids.length === 0) return [];
  const households = await db
    .selectFrom('households as h')
    .select([
      'h.id',
      'h.version',
      'h.residence_code',
      'h.basis',
      'h.note',
      'h.created_at',
      sql<
        string | null
      >`(SELECT d.name FROM divisions d WHERE d.code = h.residence_code AND d.valid_to IS NULL LIMIT 1)`.as(
        'residence_name',
      ),
      sql<number>`(SELECT count(*)::int FROM household_children x WHERE x.household_id = h.id AND x.to_at IS NULL)`.as(
        'members',
      ),
    ])
    .where('h.id', 'in', ids)
    .orderBy('h.created_at', 'desc')
    .execute();
  const childIds = visible.map((v) => v.id);
  const members = await db
    .selectFrom('family_members as m')
    .where(systemScope('members of children read above through childInScope'))
    .select([
      'm.id',
      'm.child_id',
      'm.relation',
      'm.is_guardian',
      'm.name',
      'm.id_number',
      'm.version',
      sql<
        {
          id: string;
          kind: SituationKind;
          place: string | null;
          since: string | null;
          until: string | null;
          disabilityGrade: number | null;
          disabilityType: string | null;
          note: string | null;
        }[]
      >`coalesce((SELECT jsonb_agg(jsonb_build_object('id', s.id, 'kind', s.kind, 'place', s.place,
          'since', s.since, 'until', s.until, 'disabilityGrade', s.disability_grade,
          'disabilityType', s.disability_type, 'note', s.note) ORDER BY s.since NULLS FIRST, s.created_at)
        FROM member_situations s WHERE s.member_id = m.id), '[]'::jsonb)`.as('situations'),
    ])
    .where('m.child_id', 'in', childIds)
    .where('m.removed_at', 'is', null)
    .orderBy('m.created_at')
    .execute();
  const unmask = hasPermission(actor, 'children.unmask');
  return households.map((h): HouseholdView => {
    const children = visible.filter((v) => v.household_id === h.id);
    const mine = new Set(children.map((c) => c.id));
    const groups = new Map<string, typeof members>();
    for (const m of members.filter((x) => mine.has(x.child_id))) {
      const key = m.id_number ?? `${m.name}|${m.relation}`;
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    const facts = (s: (typeof members)[number]['situations'][number]) =>
      `${s.kind}|${s.place ?? ''}|${s.since ?? ''}|${s.until ?? ''}`;
    return {
      id: h.id,
      version: h.version,
      residenceCode: h.residence_code,
      residenceName: h.residence_name,
      basis: h.basis,
      note: h.note,
      createdAt: new Date(h.created_at).toISOString(),
      children: children.map((c) => ({
        childId: c.id,
        name: c.name,
        birthDate: c.birth_date,
        since: new Date(c.from_at).toISOString(),
      })),
      childrenOutsideScope: Math.max(0, h.members - children.length),
      persons: [...groups.values()]
        .filter((copies) => new Set(copies.map((c) => c.child_id)).size >= 2)
        .map((copies) => {
          const signatures = copies.map((c) => c.situations.map(facts).sort().join('\n'));
          return {
            name: copies[0]!.name,
            idNumber: unmask ? copies[0]!.id_number : maskIdNumber(copies[0]!.id_number),
            isGuardian: copies.some((c) => c.is_guardian),
            copies: copies.map((c) => ({
              childId: c.child_id,
              memberId: c.id,
              relation: c.relation as RelationCode,
              version: c.version,
              situations: c.situations,
            })),
            differs: new Set(signatures).size > 1,
          };
        }),
    };
  });
}

export async function readHousehold(db: Db, actor: Actor, id: string): Promise<HouseholdView> {
  const [household] = await readHouseholds(db, actor, { id });
  if (!household) throw notFound(translate(actor.locale, 'households.entity'), id);
  return household;
}

/**
 * The household of a child in my scope (else 404, like a missing child: a child outside it does not
 * reveal its siblings), with the siblings I may see named and the others counted; the read is audited.
 */
export async function readChildHousehold(db: Kysely<Database>, actor: Actor, childId: string) {
  const child = await db
    .selectFrom('children')
    .select('id')
    .where('id', '=', childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'households.child_entity'), childId);
  const [household] = await readHouseholds(db, actor, { childId });
  await recordAudit(db, actor, {
    action: 'households.read',
    entityType: 'household',
    entityId: household?.id ?? null,
    childId,
  });
  return { household: household ?? null };
}
