import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { maskIdNumber } from '../../platform/access/masking.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Database } from '../../platform/db/schema.js';
import { conflict, DomainError } from '../../platform/errors.js';
import { registersAt } from './guards.js';
import { type ChildRow, currentDivision } from './file-store.js';
import { parseIdNumber } from './id-number.js';
import type { ChildFields, MemberInput, SituationInput } from '../../contract/registry/child.js';
import type { IdentityProblem } from './rules.js';
import { systemScope } from '../../core/scope/system-scope.js';

type Db = Kysely<Database>;

/* Checks shared by create, edit and restore of a child's file and its family. */

export interface FieldProblem {
  code: string;
  field: string;
  params: Record<string, string | number>;
}

/** A 400 with every problem at once (first in the message), each naming its field. */
export function refuseAll(problems: readonly (FieldProblem | IdentityProblem)[]): DomainError {
  const first = problems[0]!;
  return new DomainError(
    first.code,
    400,
    { field: first.field, ...first.params },
    problems.map((p) => ({ path: `body.${p.field}`, code: p.code, params: p.params })),
  );
}

const columnOf = {
  name: 'name',
  formerNames: 'former_names',
  sex: 'sex',
  birthDate: 'birth_date',
  ethnicity: 'ethnicity',
  idNumber: 'id_number',
  phone: 'phone',
  address: 'address',
  residenceCode: 'residence_code',
  hukouCode: 'hukou_code',
  school: 'school',
  grade: 'grade',
  disabilityType: 'disability_type',
  disabilityGrade: 'disability_grade',
  disabilityCertificate: 'disability_certificate',
  seriousIllness: 'serious_illness',
  householdBenefits: 'household_benefits',
  riskGrade: 'risk_grade',
} as const satisfies Record<keyof ChildFields, keyof ChildRow>;

export const childFieldNames = Object.keys(columnOf) as (keyof ChildFields)[];

export function childValuesOf(row: ChildRow): Required<ChildFields> {
  return Object.fromEntries(
    childFieldNames.map((field) => [field, row[columnOf[field]]]),
  ) as unknown as Required<ChildFields>;
}

export function childColumns(values: Partial<ChildFields>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([field, v]) => [columnOf[field as keyof ChildFields], v]),
  );
}

/** Residence: a current village or community inside the actor's jurisdiction. Household registration: any current division. */
export async function placeProblems(
  db: Db,
  actor: Actor,
  values: { residenceCode?: string; hukouCode?: string | null },
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (values.residenceCode !== undefined) {
    const code = values.residenceCode;
    const division = await currentDivision(db, code);
    if (!division) problems.push({ code: 'registry.residence_unknown', field: 'residenceCode', params: { code } });
    else if (division.level !== 'village')
      problems.push({
        code: 'registry.residence_not_village',
        field: 'residenceCode',
        params: { code, name: division.name },
      });
    else if (!registersAt(actor, code))
      problems.push({ code: 'registry.residence_outside_jurisdiction', field: 'residenceCode', params: { code } });
  }
  if (values.hukouCode && !(await currentDivision(db, values.hukouCode)))
    problems.push({ code: 'registry.residence_unknown', field: 'hukouCode', params: { code: values.hukouCode } });
  return problems;
}

export function situationProblems(situations: readonly SituationInput[], path: string): FieldProblem[] {
  return situations.flatMap((s, i) =>
    s.since && s.until && s.since > s.until
      ? [
          {
            code: 'registry.situation_dates',
            field: `${path}.${i}.until`,
            params: { kind: s.kind, since: s.since, until: s.until },
          },
        ]
      : [],
  );
}

export function memberProblems(member: Partial<MemberInput>, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (member.idNumber) {
    const parsed = parseIdNumber(member.idNumber);
    if (!parsed.ok)
      problems.push({
        code: 'registry.member_id_invalid',
        field: `${path}idNumber`,
        params: { problem: parsed.problem },
      });
  }
  return [...problems, ...situationProblems(member.situations ?? [], `${path}situations`)];
}

/** One live file per ID number: the existing file is named only to someone who may see it. */
export async function refuseDuplicateIdNumber(
  db: Db,
  actor: Actor,
  idNumber: string | null,
  exceptChildId?: string,
): Promise<void> {
  if (!idNumber) return;
  let query = db
    .selectFrom('children')
    .where(systemScope('an ID number is unique across the whole registry'))
    .select(['id'])
    .where('id_number', '=', idNumber)
    .where('status', '<>', 'merged');
  if (exceptChildId) query = query.where('id', '<>', exceptChildId);
  const existing = await query.executeTakeFirst();
  if (!existing) return;
  const visible = await db
    .selectFrom('children')
    .select(['haven_code', 'name'])
    .where('id', '=', existing.id)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (visible)
    throw conflict(
      'registry.duplicate_id_number',
      { idNumber, havenCode: visible.haven_code, name: visible.name },
      { childId: existing.id, havenCode: visible.haven_code },
    );
  throw conflict('registry.duplicate_id_number_hidden', { idNumber: maskIdNumber(idNumber) ?? '' });
}

/** Two registrations of one ID number at the same moment: the unique index decides, the loser gets the same 409. */
export function idNumberRace(error: unknown, idNumber: string | null): unknown {
  const pg = error as { code?: string; constraint?: string };
  if (pg.code === '23505' && pg.constraint === 'children_id_number_live_key')
    return conflict('registry.duplicate_id_number_hidden', { idNumber: maskIdNumber(idNumber) ?? '' });
  return error;
}
