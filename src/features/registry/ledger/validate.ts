import { parseIdNumber } from '../id-number.js';
import type { ChildSearchKeys } from '../search-keys.js';
import type { CategoryCode } from '../tables.js';
import type { LedgerField, ProblemParams, ProblemSeverity } from '../../../contract/registry/ledger.js';
import {
  type CellValue,
  cellText,
  looksTruncatedByFloat,
  readCategories,
  readDate,
  readDisabilityGrade,
  readIdCell,
  readPhone,
  readRelation,
  readSex,
} from './values.js';

/** One ledger row turned into a child file to create, with everything wrong about it (pure). */
export interface ChildDraft {
  row: number;
  name: string;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  idNumber: string | null;
  ethnicity: string | null;
  address: string | null;
  residenceCode: string;
  hukouCode: string | null;
  /** The hukou code is outside the organisation's own divisions: the pipeline checks that it exists at all. */
  hukouToVerify?: { field: LedgerField };
  school: string | null;
  grade: string | null;
  disabilityType: string | null;
  disabilityGrade: number | null;
  categories: CategoryCode[];
  guardian: { name: string; relation: string; phone: string | null } | null;
  /** Filled in ahead of a commit (pipeline), so the writer does not compute them while the database waits. */
  searchKeys?: ChildSearchKeys;
}

export interface DraftProblem {
  field: LedgerField | null;
  code: string;
  severity: ProblemSeverity;
  params: ProblemParams;
}

export type PlaceResult =
  | { code: string }
  | { problem: 'division_unknown' | 'division_ambiguous' | 'division_code_invalid'; params: ProblemParams };

/** A household registration division: known here, to be looked up in the whole division table, or wrong. */
export type HukouResult =
  | { code: string; known: boolean }
  | { problem: 'division_code_invalid'; params: ProblemParams }
  | null;

export interface RowContext {
  today: string;
  maxAgeYears: number;
  /** Where the child lives, from the residence code, or the address, village and township cells. */
  residence(row: LedgerRow): PlaceResult;
  /** The household registration division, when the ledger names one (code column first). */
  hukou(row: LedgerRow): HukouResult;
}

export type LedgerRow = Partial<Record<LedgerField, CellValue>>;

function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

const text = (value: CellValue | undefined, max = 200): string | null => {
  const t = cellText(value ?? null);
  return t === '' ? null : t.slice(0, max);
};

export function isBlankRow(row: LedgerRow): boolean {
  return Object.values(row).every((value) => cellText(value ?? null) === '');
}

export function checkRow(
  rowNumber: number,
  row: LedgerRow,
  context: RowContext,
): { draft: ChildDraft | null; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const error = (field: LedgerField | null, code: string, params: ProblemParams = {}) =>
    problems.push({ field, code, severity: 'error', params });
  const warn = (field: LedgerField | null, code: string, params: ProblemParams = {}) =>
    problems.push({ field, code, severity: 'warning', params });

  const name = (text(row.name, 50) ?? '').replace(/\s+/g, '');
  if (!name) error('name', 'ledger.name_missing');

  let idNumber: string | null = null;
  let fromId: { birthDate: string; sex: 'male' | 'female' } | undefined;
  const idCell = readIdCell(row.idNumber ?? null);
  if (idCell.kind === 'as_number') error('idNumber', 'ledger.id_stored_as_number', { value: idCell.shown });
  if (idCell.kind === 'text') {
    const parsed = parseIdNumber(idCell.value);
    if (parsed.ok) {
      idNumber = parsed.id.value;
      fromId = parsed.id;
    } else if (parsed.problem === 'id.check_digit' && looksTruncatedByFloat(idCell.value)) {
      error('idNumber', 'ledger.id_stored_as_number', { value: idCell.value });
    } else {
      error('idNumber', `ledger.${parsed.problem.replace('.', '_')}`, { value: idCell.value });
    }
  }

  let birthDate: string | null = null;
  const date = readDate(row.birthDate ?? null);
  if (date.kind === 'unreadable')
    error('birthDate', 'ledger.birth_date_unreadable', { value: cellText(row.birthDate ?? null) });
  if (date.kind === 'date') birthDate = date.iso;
  if (fromId) {
    const disagrees =
      (date.kind === 'date' && date.iso !== fromId.birthDate) ||
      (date.kind === 'month' && date.yearMonth !== fromId.birthDate.slice(0, 7));
    if (disagrees)
      error('birthDate', 'ledger.birth_date_mismatch', {
        value: date.kind === 'date' ? date.iso : date.kind === 'month' ? date.yearMonth : '',
        fromId: fromId.birthDate,
      });
    birthDate = fromId.birthDate;
  } else if (date.kind === 'month') {
    error('birthDate', 'ledger.birth_date_incomplete', { value: date.yearMonth });
  } else if (date.kind === 'empty' && idCell.kind === 'empty') {
    error('birthDate', 'ledger.birth_date_missing');
  }
  if (birthDate && birthDate > context.today) error('birthDate', 'ledger.birth_date_future', { value: birthDate });
  else if (birthDate && ageOn(birthDate, context.today) >= context.maxAgeYears)
    error('birthDate', 'ledger.over_age', {
      value: birthDate,
      age: ageOn(birthDate, context.today),
      max: context.maxAgeYears,
    });

  let sex: 'male' | 'female' | null = null;
  const sexReading = readSex(row.sex ?? null);
  if (sexReading === 'unreadable') error('sex', 'ledger.sex_unreadable', { value: cellText(row.sex ?? null) });
  if (sexReading === 'male' || sexReading === 'female') sex = sexReading;
  if (fromId) {
    if (sex && sex !== fromId.sex)
      error('sex', 'ledger.sex_mismatch', { value: cellText(row.sex ?? null), fromId: fromId.sex });
    sex = fromId.sex;
  }

  const residence = context.residence(row);
  const residenceField =
    cellText(row.residenceCode ?? null) !== '' ? 'residenceCode' : row.village !== undefined ? 'village' : 'address';
  if ('problem' in residence) error(residenceField, `ledger.${residence.problem}`, residence.params);
  const hukou = context.hukou(row);
  const hukouField = cellText(row.hukouCode ?? null) !== '' ? 'hukouCode' : 'hukouAddress';
  if (hukou && 'problem' in hukou) error(hukouField, `ledger.${hukou.problem}`, hukou.params);

  const { categories, unknown } = readCategories(row.category ?? null);
  if (unknown.length > 0) warn('category', 'ledger.category_unknown', { value: unknown.join('、') });

  const guardianName = text(row.guardianName, 50);
  const guardian = guardianName
    ? {
        name: guardianName.replace(/\s+/g, ''),
        relation: readRelation(row.guardianRelation ?? null),
        phone: readPhone(row.guardianPhone ?? null),
      }
    : null;

  const blocked = problems.some((p) => p.severity === 'error');
  if (blocked || 'problem' in residence) return { draft: null, problems };
  return {
    draft: {
      row: rowNumber,
      name,
      sex,
      birthDate,
      idNumber,
      ethnicity: text(row.ethnicity, 20),
      address: text(row.address) ?? text(row.hukouAddress),
      residenceCode: residence.code,
      hukouCode: hukou && 'code' in hukou ? hukou.code : null,
      ...(hukou && 'code' in hukou && !hukou.known ? { hukouToVerify: { field: hukouField } } : {}),
      school: text(row.school, 100),
      grade: text(row.grade, 20),
      disabilityType: text(row.disabilityType, 50),
      disabilityGrade: readDisabilityGrade(row.disabilityGrade ?? null),
      categories,
      guardian,
    },
    problems,
  };
}
