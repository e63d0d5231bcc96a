import {
  type AssistanceChange,
  type HouseholdAssistance,
  personRollKinds,
  type RollColumn,
  type RollKind,
} from '../../contract/department-rolls/vocabulary.js';
import {
  type CellValue,
  cellText,
  looksTruncatedByFloat,
  parseIdNumber,
  readDate,
  readDisabilityGrade,
  readDivisionCode,
  readIdCell,
} from './registry-reader.js';

import { readAssistance, readChange } from './assistance-cells.js';
import { fold, lookup } from './column-names.js';

export type RollMapping = Partial<Record<RollColumn, number>>;

/** The columns a header row names (0-based indexes); the first of two columns of one kind wins. */
export function mapRollHeader(cells: readonly string[]): RollMapping {
  const mapping: RollMapping = {};
  cells.forEach((cell, index) => {
    const column = lookup.get(fold(cell));
    if (column && mapping[column] === undefined) mapping[column] = index;
  });
  return mapping;
}

/** A row is the header when it names the ID number or the name and one more column. */
export function isRollHeader(mapping: RollMapping): boolean {
  return mapping.idNumber !== undefined || (mapping.name !== undefined && Object.keys(mapping).length >= 2);
}

/**
 * The mapping a person chose (header text per column) as indexes into this header; a header text
 * the file does not have leaves its column unmapped. Headers compare after folding, like recognition.
 */
export function mappingByHeader(cells: readonly string[], byHeader: Partial<Record<RollColumn, string>>): RollMapping {
  const folded = cells.map(fold);
  const mapping: RollMapping = {};
  for (const [column, header] of Object.entries(byHeader) as [RollColumn, string][]) {
    const index = folded.indexOf(fold(header));
    if (header && index >= 0) mapping[column] = index;
  }
  return mapping;
}

/** True when every header text of the mapping is in this row (a remembered mapping fits the file). */
export function headerHas(cells: readonly string[], byHeader: Partial<Record<RollColumn, string>>): boolean {
  const folded = new Set(cells.map(fold));
  const headers = Object.values(byHeader).filter((h): h is string => Boolean(h));
  return headers.length > 0 && headers.every((header) => folded.has(fold(header)));
}

export interface RowProblem {
  code: string;
  column: RollColumn | null;
  params?: Record<string, string | number>;
}

/** What one row says, before matching: the ID number to look up and the fact it would propose. */
export type RowReading =
  | {
      ok: true;
      /** Null: the row is matched by name, birth date and place. */
      idNumber: string | null;
      name: string | null;
      birthDate: string | null;
      divisionCode: string | null;
      /** A place given by name ("合意村", "埠河镇合意村"), resolved against the divisions in the uploader's scope. */
      placeName: string | null;
      /** The divisions the place name stands for, once resolved (null: no name to resolve). */
      placeCodes?: string[] | null;
      fact: RowFact;
    }
  | { ok: false; idNumber: string | null; name: string | null; problems: RowProblem[] };

/** The fact without the family member (found by matching). */
export type RowFact =
  | { kind: 'imprisonment' | 'drug_rehabilitation'; since: string | null; until: string | null; place: string | null }
  | { kind: 'death'; since: string | null }
  | { kind: 'household_registration'; hukouCode: string }
  | { kind: 'disability'; grade: number; disabilityType: string | null; certificate: string | null }
  | { kind: 'serious_illness'; illness: string }
  | { kind: 'school_enrolment'; school: string; grade: string | null }
  | { kind: 'school_dropout'; school: string | null; since: string | null }
  | { kind: 'dibao_tekun'; assistance: HouseholdAssistance; change: AssistanceChange; on: string | null };

const disabilityTypeWords: [RegExp, string][] = [
  [/视力|visual/i, 'visual'],
  [/听力|hearing/i, 'hearing'],
  [/言语|speech/i, 'speech'],
  [/肢体|physical/i, 'physical'],
  [/智力|intellectual/i, 'intellectual'],
  [/精神|mental/i, 'mental'],
  [/多重|multiple/i, 'multiple'],
];

/** Reads one data row of a roll of `kind` with the mapping; every problem is listed, none thrown. */
export function readRollRow(kind: RollKind, mapping: RollMapping, cells: readonly CellValue[]): RowReading {
  const cell = (column: RollColumn): CellValue => {
    const index = mapping[column];
    return index === undefined ? null : (cells[index] ?? null);
  };
  const text = (column: RollColumn): string | null => cellText(cell(column)).slice(0, 200) || null;
  const problems: RowProblem[] = [];
  const name = text('name');
  let idNumber: string | null = null;
  let idBirthDate: string | null = null;
  const id = readIdCell(cell('idNumber'));
  if (id.kind === 'empty') {
    if (!name) problems.push({ code: 'rolls.id_or_name_missing', column: 'idNumber' });
  } else if (id.kind === 'as_number') problems.push({ code: 'rolls.id_as_number', column: 'idNumber' });
  else {
    const parsed = parseIdNumber(id.value);
    if (parsed.ok) {
      idNumber = parsed.id.value;
      idBirthDate = parsed.id.birthDate;
    } else
      problems.push({
        code: looksTruncatedByFloat(id.value) ? 'rolls.id_as_number' : parsed.problem,
        column: 'idNumber',
      });
  }
  const date = (column: 'since' | 'until' | 'birthDate'): string | null => {
    const reading = readDate(cell(column));
    if (reading.kind === 'date') return reading.iso;
    if (reading.kind === 'month') return `${reading.yearMonth}-01`;
    if (reading.kind === 'unreadable') problems.push({ code: 'rolls.date_unreadable', column });
    return null;
  };
  // An ID number carries the birth date: the fallback to name matching uses it when the row has none.
  const birthDate = date('birthDate') ?? idBirthDate;
  const division = readDivisionCode(cell('division'));
  const divisionCode = division.kind === 'code' ? division.code : null;
  const placeText = text('division');
  // Chinese without digits is a place's name, resolved later against the division table.
  const placeName =
    division.kind === 'invalid' && placeText && /\p{Script=Han}/u.test(placeText) && !/\d/.test(placeText)
      ? placeText.normalize('NFKC').replace(/\s+/g, '').slice(0, 60)
      : null;
  if (division.kind === 'invalid' && !placeName)
    problems.push({ code: 'rolls.division_code_invalid', column: 'division' });
  if (id.kind === 'empty' && name) {
    // Without an ID number a child is found by name + birth date (+ place); a parent by name + the child's village.
    if (personRollKinds.includes(kind) && !divisionCode && !placeName && division.kind === 'empty')
      problems.push({ code: 'rolls.division_missing', column: 'division' });
    if (!personRollKinds.includes(kind) && !birthDate && problems.every((p) => p.column !== 'birthDate'))
      problems.push({ code: 'rolls.birth_date_missing', column: 'birthDate' });
  }
  let fact: RowFact | null = null;
  switch (kind) {
    case 'death':
      fact = { kind, since: date('since') };
      break;
    case 'imprisonment':
    case 'drug_rehabilitation': {
      const since = date('since');
      const until = date('until');
      if (since && until && until < since) problems.push({ code: 'rolls.until_before_since', column: 'until' });
      fact = { kind, since, until, place: text('place') };
      break;
    }
    case 'household_registration': {
      const code = readDivisionCode(cell('detail'));
      if (code.kind === 'code') fact = { kind, hukouCode: code.code };
      else problems.push({ code: 'rolls.division_code_invalid', column: 'detail' });
      break;
    }
    case 'disability': {
      const grade = readDisabilityGrade(cell('grade'));
      const typeText = text('disabilityType') ?? '';
      const disabilityType = disabilityTypeWords.find(([pattern]) => pattern.test(typeText))?.[1] ?? null;
      if (grade === null) problems.push({ code: 'rolls.grade_missing', column: 'grade' });
      else fact = { kind, grade, disabilityType, certificate: text('detail')?.slice(0, 40) ?? null };
      break;
    }
    case 'serious_illness': {
      const illness = text('detail');
      if (illness) fact = { kind, illness };
      else problems.push({ code: 'rolls.detail_missing', column: 'detail' });
      break;
    }
    case 'school_enrolment': {
      const school = text('detail');
      if (school) fact = { kind, school: school.slice(0, 100), grade: text('grade')?.slice(0, 30) ?? null };
      else problems.push({ code: 'rolls.detail_missing', column: 'detail' });
      break;
    }
    case 'school_dropout':
      fact = { kind, school: text('detail')?.slice(0, 100) ?? null, since: date('since') };
      break;
    case 'dibao_tekun': {
      const assistance = readAssistance(text('assistance') ?? '');
      const since = date('since');
      const until = date('until');
      const changeText = text('change') ?? '';
      // No change column but an end date: the household left on that date.
      const change = changeText === '' && until ? 'left' : readChange(changeText);
      if (!assistance) problems.push({ code: 'rolls.assistance_unreadable', column: 'assistance' });
      if (!change) problems.push({ code: 'rolls.change_unreadable', column: 'change' });
      if (assistance && change) fact = { kind, assistance, change, on: change === 'left' ? (until ?? since) : since };
      break;
    }
  }
  if (problems.length > 0 || !fact || (!idNumber && !name)) return { ok: false, idNumber, name, problems };
  return { ok: true, idNumber, name, birthDate, divisionCode, placeName, fact };
}

/**
 * The columns a roll of this kind cannot do without: the ID number, or else the name with the birth
 * date (a child) or the place (a parent), and what the fact needs.
 */
export function missingColumns(kind: RollKind, mapping: RollMapping): RollColumn[] {
  const has = (column: RollColumn) => mapping[column] !== undefined;
  const missing: RollColumn[] = [];
  if (!has('idNumber')) {
    const second: RollColumn = personRollKinds.includes(kind) ? 'division' : 'birthDate';
    if (!has('name') || !has(second)) missing.push('idNumber');
  }
  if (kind === 'disability' && !has('grade')) missing.push('grade');
  if (['household_registration', 'serious_illness', 'school_enrolment'].includes(kind) && !has('detail'))
    missing.push('detail');
  if (kind === 'dibao_tekun' && !has('assistance')) missing.push('assistance');
  return missing;
}
