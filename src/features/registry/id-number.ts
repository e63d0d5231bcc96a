/**
 * GB 11643-1999 resident identity numbers: 6-digit division code, 8-digit birth date, 3-digit
 * sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

export type IdNumberProblem = 'id.length' | 'id.characters' | 'id.birth_date' | 'id.check_digit';

export interface ParsedIdNumber {
  value: string;
  divisionCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/** Validates and parses; a lowercase x is accepted and normalised to X. */
export function parseIdNumber(
  input: string,
): { ok: true; id: ParsedIdNumber } | { ok: false; problem: IdNumberProblem } {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, problem: 'id.length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'id.characters' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const date = new Date(`${birthDate}T00:00:00Z`);
  if (
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== birthDate ||
    Number(value.slice(6, 10)) < 1900
  ) {
    return { ok: false, problem: 'id.birth_date' };
  }
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'id.check_digit' };
  return {
    ok: true,
    id: { value, divisionCode: value.slice(0, 6), birthDate, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

/** Builds a valid number (for demo and test data): division (6), ISO birth date, sequence 0–999. */
export function composeIdNumber(division6: string, birthDate: string, sequence: number): string {
  const first17 = `${division6}${birthDate.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
  return `${first17}${idCheckCharacter(first17)}`;
}
