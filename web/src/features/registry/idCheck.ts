/*
 * GB 11643 resident ID numbers, checked as the user types (the server checks again): 18 characters,
 * the last a MOD 11-2 check digit; the birth date and sex it encodes must agree with the form.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export type IdProblem = 'length' | 'characters' | 'birthDate' | 'checkDigit';

export interface IdFacts {
  birthDate: string;
  sex: 'male' | 'female';
}

export function normaliseId(text: string): string {
  return text.trim().toUpperCase();
}

export function idProblem(text: string): IdProblem | null {
  const id = normaliseId(text);
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  if (!idFacts(id)) return 'birthDate';
  const sum = weights.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return checkChars[sum % 11] === id[17] ? null : 'checkDigit';
}

/** The birth date and sex an ID number encodes, or null when its date is not a real day. */
export function idFacts(text: string): IdFacts | null {
  const id = normaliseId(text);
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** True for a masked value shown to a reader (4210**********100X): not something to check. */
export const isMasked = (text: string | null | undefined) => typeof text === 'string' && text.includes('*');
