import dayjs, { type Dayjs } from 'dayjs';
import type { ChildFile } from '../api/fileApi';

/** The identity fields as the edit form holds them (dates as dayjs for the date picker). */
export interface IdentityValues {
  name: string;
  formerNames: string[];
  sex: 'male' | 'female' | null;
  birthDate: Dayjs | null;
  ethnicity: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  residenceCode: string | undefined;
  hukouCode: string | undefined;
  school: string | null;
  grade: string | null;
  disabilityType: string | null;
  disabilityGrade: number | null;
  disabilityCertificate: string | null;
  seriousIllness: string | null;
  householdBenefits: string[];
  riskGrade: string | null;
  reason?: string;
}

export const identityFields = [
  'name',
  'formerNames',
  'sex',
  'birthDate',
  'ethnicity',
  'idNumber',
  'phone',
  'address',
  'residenceCode',
  'hukouCode',
  'school',
  'grade',
  'disabilityType',
  'disabilityGrade',
  'disabilityCertificate',
  'seriousIllness',
  'householdBenefits',
  'riskGrade',
] as const;
export type IdentityField = (typeof identityFields)[number];

/** Fields only someone who sees them in full can change (a masked value would overwrite the real one). */
export const unmaskedOnly: readonly IdentityField[] = ['idNumber', 'phone', 'address'];

export function toValues(file: ChildFile): IdentityValues {
  return {
    name: file.name,
    formerNames: file.formerNames,
    sex: file.sex,
    birthDate: file.birthDate ? dayjs(file.birthDate) : null,
    ethnicity: file.ethnicity,
    idNumber: file.idNumber,
    phone: file.phone,
    address: file.address,
    residenceCode: file.residenceCode || undefined,
    hukouCode: file.hukouCode ?? undefined,
    school: file.school,
    grade: file.grade,
    disabilityType: file.disabilityType,
    disabilityGrade: file.disabilityGrade,
    disabilityCertificate: file.disabilityCertificate,
    seriousIllness: file.seriousIllness,
    householdBenefits: file.householdBenefits,
    riskGrade: file.riskGrade,
  };
}

/** A value as the API speaks it: trimmed text or null, ISO dates. */
export function apiValue(values: Partial<IdentityValues>, field: IdentityField): unknown {
  const value = values[field];
  if (dayjs.isDayjs(value)) return value.format('YYYY-MM-DD');
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  return value ?? null;
}

export function changedFields(
  before: IdentityValues,
  after: Partial<IdentityValues>,
  editable: readonly IdentityField[],
): IdentityField[] {
  return editable.filter((field) => JSON.stringify(apiValue(before, field)) !== JSON.stringify(apiValue(after, field)));
}
