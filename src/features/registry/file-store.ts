import { type Kysely, type Selectable, sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Database } from '../../platform/db/schema.js';
import { resolveRuleSet, type RuleSet, type StoredRuleSet } from '../../platform/rules/rule-set.js';
import { ancestorCodes } from '../../core/places.js';
import './core-tables.js';
import type { PlaceView } from '../../contract/registry/child.js';
import type { ChildFacts, MemberFact } from './rules.js';
import type { ChildCategoriesTable, ChildrenTable, FamilyMembersTable, MemberSituationsTable } from './tables.js';
import { systemScope } from '../../core/scope/system-scope.js';

type Db = Kysely<Database>;
export type ChildRow = Selectable<ChildrenTable>;
export type MemberRow = Selectable<FamilyMembersTable>;
export type SituationRow = Selectable<MemberSituationsTable>;
export type CategoryRow = Selectable<ChildCategoriesTable>;
export type MemberWithSituations = MemberRow & { situations: SituationRow[] };
export type CategoryWithDecider = CategoryRow & { decided_by_name: string | null };

/** The columns of a child that its file shows (not the search keys). */
export const fileChildColumns = [
  'id',
  'haven_code',
  'name',
  'former_names',
  'sex',
  'birth_date',
  'ethnicity',
  'id_number',
  'phone',
  'address',
  'residence_code',
  'hukou_code',
  'school',
  'grade',
  'disability_type',
  'disability_grade',
  'disability_certificate',
  'serious_illness',
  'household_benefits',
  'status',
  'status_reason',
  'handoff_note',
  'merged_into',
  'risk_grade',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ChildRow)[];
export type FileChild = Pick<ChildRow, (typeof fileChildColumns)[number]>;

/** Everything a child's file shows, read together. */
export interface FileParts {
  child: FileChild;
  members: MemberWithSituations[];
  categories: CategoryWithDecider[];
  merged: { id: string; havenCode: string; name: string }[];
  residence: PlaceView;
  hukou: PlaceView | null;
  ruleSet: RuleSet;
}

/** One child through the actor's scope (undefined = 404); `lock` for a change. */
export async function childInScopeById(
  db: Db,
  actor: Actor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ChildRow | undefined> {
  let query = db
    .selectFrom('children')
    .selectAll()
    .where('id', '=', id)
    .where(childInScope(actor, { oneChild: true }));
  // NO KEY UPDATE: writers of one file still wait for each other, but another file's change that
  // reaches this child's rows (a shared family member's copy, issue 17) only needs the key share of
  // its foreign keys, so two siblings' files edited at once cannot deadlock on each other's child row.
  if (options.lock) query = query.forNoKeyUpdate();
  return query.executeTakeFirst();
}

/** The child and the files merged into it: their facts are read together. */
export async function fileChildIds(db: Db, id: string): Promise<string[]> {
  const merged = await db
    .selectFrom('children')
    .where(systemScope('files merged into a child its caller read through childInScope'))
    .select('id')
    .where('merged_into', '=', id)
    .execute();
  return [id, ...merged.map((row) => row.id)];
}

export async function mergedFiles(db: Db, id: string): Promise<{ id: string; havenCode: string; name: string }[]> {
  const rows = await db
    .selectFrom('children')
    .where(systemScope('files merged into a child its caller read through childInScope'))
    .select(['id', 'haven_code', 'name'])
    .where('merged_into', '=', id)
    .orderBy('file_no')
    .execute();
  return rows.map((row) => ({ id: row.id, havenCode: row.haven_code, name: row.name }));
}

export async function membersOf(
  db: Db,
  childIds: readonly string[],
  options: { includeRemoved?: boolean } = {},
): Promise<MemberWithSituations[]> {
  if (childIds.length === 0) return [];
  let query = db
    .selectFrom('family_members')
    .where(systemScope('members of files its caller read through childInScope'))
    .selectAll()
    .where('child_id', 'in', childIds);
  if (!options.includeRemoved) query = query.where('removed_at', 'is', null);
  const members = await query.orderBy('created_at').orderBy('id').execute();
  const situations =
    members.length === 0
      ? []
      : await db
          .selectFrom('member_situations')
          .where(systemScope('situations of members read just above'))
          .selectAll()
          .where(
            'member_id',
            'in',
            members.map((m) => m.id),
          )
          .orderBy('since')
          .orderBy('created_at')
          .execute();
  const byMember = new Map<string, SituationRow[]>();
  for (const s of situations) byMember.set(s.member_id, [...(byMember.get(s.member_id) ?? []), s]);
  return members.map((member) => ({ ...member, situations: byMember.get(member.id) ?? [] }));
}

export async function memberById(
  db: Db,
  id: string,
  options: { lock?: boolean } = {},
): Promise<MemberWithSituations | undefined> {
  let query = db
    .selectFrom('family_members')
    .where(systemScope('a member whose file its caller checks against a file read through childInScope'))
    .selectAll()
    .where('id', '=', id);
  if (options.lock) query = query.forNoKeyUpdate();
  const member = await query.executeTakeFirst();
  if (!member) return undefined;
  const situations = await db
    .selectFrom('member_situations')
    .where(systemScope('situations of the member read just above'))
    .selectAll()
    .where('member_id', '=', id)
    .orderBy('since')
    .orderBy('created_at')
    .execute();
  return { ...member, situations };
}

export async function categoriesOf(db: Db, childIds: readonly string[]): Promise<CategoryWithDecider[]> {
  if (childIds.length === 0) return [];
  return db
    .selectFrom('child_categories')
    .where(systemScope('categories of files its caller read through childInScope'))
    .leftJoin('users', 'users.id', 'child_categories.decided_by')
    .selectAll('child_categories')
    .select('users.display_name as decided_by_name')
    .where('child_categories.child_id', 'in', childIds)
    .orderBy('child_categories.created_at', 'desc')
    .orderBy('child_categories.id')
    .execute();
}

export async function placeOf(db: Db, code: string): Promise<PlaceView> {
  const codes = [...ancestorCodes(code), code];
  const rows = await db
    .selectFrom('divisions')
    .select(['code', 'name', 'depth'])
    .where('code', 'in', codes)
    .orderBy('depth')
    .execute();
  return {
    code,
    name: rows.find((row) => row.code === code)?.name ?? null,
    path: rows.map((row) => ({ code: row.code, name: row.name })),
  };
}

export async function currentDivision(
  db: Db,
  code: string,
): Promise<{ code: string; name: string; level: string } | undefined> {
  return db
    .selectFrom('divisions')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
}

export function memberFact(member: MemberWithSituations): MemberFact {
  return {
    relation: member.relation,
    guardianshipCapacity: member.guardianship_capacity,
    situations: member.situations.map((s) => ({
      kind: s.kind,
      since: s.since,
      until: s.until,
      disabilityGrade: s.disability_grade,
      disabilityType: s.disability_type,
    })),
  };
}

/** The facts the rules read, for many children at once (a survivor's facts include its merged files'). */
export async function factsOf(
  db: Db,
  childIds: readonly string[],
): Promise<Map<string, { child: ChildRow; facts: ChildFacts }>> {
  const result = new Map<string, { child: ChildRow; facts: ChildFacts }>();
  if (childIds.length === 0) return result;
  const children = await db
    .selectFrom('children')
    .where(systemScope('facts of children its caller read through childInScope or a sweep over all children'))
    .selectAll()
    .where((eb) => eb.or([eb('id', 'in', childIds), eb('merged_into', 'in', childIds)]))
    .execute();
  const members = await membersOf(
    db,
    children.map((c) => c.id),
  );
  const wanted = new Set(childIds);
  const membersByFile = new Map<string, MemberWithSituations[]>();
  const fileOf = new Map(
    children.map((c) => [c.id, c.merged_into !== null && wanted.has(c.merged_into) ? c.merged_into : c.id]),
  );
  for (const member of members) {
    const file = fileOf.get(member.child_id) ?? member.child_id;
    membersByFile.set(file, [...(membersByFile.get(file) ?? []), member]);
  }
  for (const child of children) {
    if (!wanted.has(child.id)) continue;
    const own = membersByFile.get(child.id) ?? [];
    result.set(child.id, {
      child,
      facts: {
        birthDate: child.birth_date,
        disabilityGrade: child.disability_grade,
        disabilityType: child.disability_type,
        householdBenefits: child.household_benefits,
        members: own.map(memberFact),
      },
    });
  }
  return result;
}

type Jsonified<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

function revive<T>(row: Jsonified<T>, dateKeys: readonly (keyof T)[]): T {
  const revived = { ...row } as Record<keyof T, unknown>;
  for (const key of dateKeys) {
    const value = revived[key];
    if (typeof value === 'string') revived[key] = new Date(value);
  }
  return revived as T;
}

function placeFrom(code: string, rows: readonly { code: string; name: string }[]): PlaceView {
  return {
    code,
    name: rows.find((row) => row.code === code)?.name ?? null,
    path: rows.map((row) => ({ code: row.code, name: row.name })),
  };
}

interface StoredParts {
  members: { member: Jsonified<MemberRow>; situations: Jsonified<SituationRow>[] }[];
  categories: Jsonified<CategoryWithDecider>[];
  merged: { id: string; havenCode: string; name: string }[];
  residence: { code: string; name: string }[];
  hukou: { code: string; name: string }[];
  ruleSets: StoredRuleSet[];
}

/**
 * The select of a child's whole file through the actor's scope (no row = 404): the child's columns
 * and `file_parts`, the same rows as `membersOf`, `categoriesOf`, `mergedFiles` and `placeOf`, and
 * the rule sets `ruleSetFor` resolves the residence from, from the database function
 * `child_file_parts` (migrations 0015, 0198), whose plans are kept between reads.
 */
export function fileInScopeQuery(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('children')
    .select(fileChildColumns.map((column) => `children.${column}` as const))
    .select(
      sql<StoredParts>`child_file_parts(children.id, children.residence_code, children.hukou_code)`.as('file_parts'),
    )
    .where('children.id', '=', id)
    .where(childInScope(actor, { oneChild: true }));
}

export type FileRow = FileChild & { file_parts: StoredParts };

/** A child's whole file through the actor's scope in one query (undefined = 404); see `fileInScopeQuery`. */
export async function fileInScope(db: Db, actor: Actor, id: string, today: string): Promise<FileParts | undefined> {
  const row = await fileInScopeQuery(db, actor, id).executeTakeFirst();
  return row ? filePartsOf(row, today) : undefined;
}

/** The parts of a file from its row (`fileInScopeQuery`), with dates revived and places and rules resolved. */
export function filePartsOf(row: FileRow, today: string): FileParts {
  const { file_parts: parts, ...child } = row;
  return {
    child,
    members: parts.members.map(({ member, situations }) => ({
      ...revive<MemberRow>(member, ['removed_at', 'created_at', 'updated_at']),
      situations: situations.map((s) => revive<SituationRow>(s, ['created_at'])),
    })),
    categories: parts.categories.map((c) => revive<CategoryWithDecider>(c, ['decided_at', 'created_at', 'updated_at'])),
    merged: parts.merged,
    residence: placeFrom(child.residence_code, parts.residence),
    hukou: child.hukou_code ? placeFrom(child.hukou_code, parts.hukou) : null,
    ruleSet: resolveRuleSet(parts.ruleSets, child.residence_code, today),
  };
}
