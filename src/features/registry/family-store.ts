import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { MemberWithSituations } from './file-store.js';
import { parseIdNumber } from './id-number.js';
import type { MemberInput, SituationInput } from '../../contract/registry/child.js';
import { systemScope } from '../../core/scope/system-scope.js';

type Db = Kysely<Database>;

/** A member as history stores it: every field the user edits, situations included. */
export type MemberValues = Required<Omit<MemberInput, 'situations'>> & { situations: Required<SituationInput>[] };

export function memberValuesOf(member: MemberWithSituations): MemberValues {
  return {
    relation: member.relation as MemberValues['relation'],
    isGuardian: member.is_guardian,
    name: member.name,
    idNumber: member.id_number,
    phone: member.phone,
    address: member.address,
    guardianshipCapacity: member.guardianship_capacity,
    note: member.note,
    situations: member.situations.map((s) => ({
      kind: s.kind,
      place: s.place,
      since: s.since,
      until: s.until,
      disabilityGrade: s.disability_grade,
      disabilityType: (s.disability_type as SituationInput['disabilityType']) ?? null,
      note: s.note,
    })),
  };
}

export function normaliseSituations(situations: readonly SituationInput[]): Required<SituationInput>[] {
  return situations.map((s) => ({
    kind: s.kind,
    place: s.place ?? null,
    since: s.since ?? null,
    until: s.until ?? null,
    disabilityGrade: s.disabilityGrade ?? null,
    disabilityType: s.disabilityType ?? null,
    note: s.note ?? null,
  }));
}

export function normaliseMember(input: MemberInput): MemberValues {
  const idNumber = input.idNumber?.trim() ? input.idNumber.trim() : null;
  const parsed = idNumber ? parseIdNumber(idNumber) : undefined;
  return {
    relation: input.relation,
    isGuardian: input.isGuardian ?? false,
    name: input.name,
    idNumber: parsed?.ok ? parsed.id.value : idNumber,
    phone: input.phone ?? null,
    address: input.address ?? null,
    guardianshipCapacity: input.guardianshipCapacity ?? null,
    note: input.note ?? null,
    situations: normaliseSituations(input.situations ?? []),
  };
}

export function memberColumns(values: Partial<MemberValues>): Record<string, unknown> {
  const columns: Record<string, string> = {
    relation: 'relation',
    isGuardian: 'is_guardian',
    name: 'name',
    idNumber: 'id_number',
    phone: 'phone',
    address: 'address',
    guardianshipCapacity: 'guardianship_capacity',
    note: 'note',
  };
  return Object.fromEntries(
    Object.entries(values)
      .filter(([key, v]) => key in columns && v !== undefined)
      .map(([key, v]) => [columns[key]!, v]),
  );
}

export async function replaceSituations(
  trx: Db,
  memberId: string,
  situations: readonly Required<SituationInput>[],
): Promise<void> {
  await trx
    .deleteFrom('member_situations')
    .where(systemScope('a member of a file its caller locked through childInScope'))
    .where('member_id', '=', memberId)
    .execute();
  if (situations.length === 0) return;
  await trx
    .insertInto('member_situations')
    .values(
      situations.map((s) => ({
        member_id: memberId,
        kind: s.kind,
        place: s.place,
        since: s.since,
        until: s.until,
        disability_grade: s.disabilityGrade,
        disability_type: s.disabilityType,
        note: s.note,
      })),
    )
    .execute();
}

export async function insertMember(trx: Db, childId: string, values: MemberValues): Promise<string> {
  const row = await trx
    .insertInto('family_members')
    .values({
      child_id: childId,
      relation: values.relation,
      is_guardian: values.isGuardian,
      name: values.name,
      id_number: values.idNumber,
      phone: values.phone,
      address: values.address,
      guardianship_capacity: values.guardianshipCapacity,
      note: values.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceSituations(trx, row.id, values.situations);
  return row.id;
}
