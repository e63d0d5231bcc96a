import type { Actor } from '../../platform/access/actor.js';
import { isDivisionCode, isWithin, levelOf } from '../../core/places.js';
import {
  isResidentialKind,
  leadAgencyKinds,
  type OrganisationKind,
  type ResidentialKind,
  residentialKindCodes,
} from '../../contract/organisations/kinds.js';

/** A refusal tied to one input field; the service turns it into a translated 400. */
export interface FieldProblem {
  code: string;
  field: string;
  params?: Record<string, string | number>;
}

/** Beds are a fact about shelters only: required there, meaningless (and refused) elsewhere. */
export function bedCapacityProblem(
  kind: OrganisationKind,
  bedCapacity: number | null | undefined,
): FieldProblem | undefined {
  const residential = isResidentialKind(kind);
  if (residential && (bedCapacity === null || bedCapacity === undefined))
    return { code: 'organisations.beds_required', field: 'bedCapacity', params: { kind } };
  if (!residential && bedCapacity !== null && bedCapacity !== undefined)
    return { code: 'organisations.beds_not_allowed', field: 'bedCapacity', params: { kind } };
  return undefined;
}

/** The system acts everywhere; everyone else only inside the divisions of their jurisdiction. */
export function mayManageAt(actor: Pick<Actor, 'kind' | 'jurisdiction'>, divisionCode: string): boolean {
  if (actor.kind === 'system') return true;
  return actor.jurisdiction.some((code) => isDivisionCode(code) && isWithin(divisionCode, code));
}

/** A new parent whose own chain of parents reaches the organisation would close a loop. */
export function createsCycle(
  organisationId: string,
  newParentId: string,
  ancestorsOfNewParent: readonly string[],
): boolean {
  return newParentId === organisationId || ancestorsOfNewParent.includes(organisationId);
}

/** Same entries, trimmed, first spelling kept: "助学" twice is one service. */
export function normaliseServices(services: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of services) {
    const service = raw.trim();
    if (service === '' || seen.has(service)) continue;
    seen.add(service);
    result.push(service);
  }
  return result;
}

export function isLeadDivision(code: string): boolean {
  const level = levelOf(code);
  return level === 'city' || level === 'county';
}

export function leadAgencyProblem(
  divisionCode: string,
  organisation: { kind: string; divisionCode: string; active: boolean },
): FieldProblem | undefined {
  if (!organisation.active) return { code: 'organisations.lead_inactive', field: 'organisationId' };
  if (!(leadAgencyKinds as readonly string[]).includes(organisation.kind))
    return { code: 'organisations.lead_kind', field: 'organisationId', params: { kind: organisation.kind } };
  if (!isWithin(organisation.divisionCode, divisionCode)) {
    return {
      code: 'organisations.lead_outside_area',
      field: 'organisationId',
      params: { division: divisionCode, organisationDivision: organisation.divisionCode },
    };
  }
  return undefined;
}

/**
 * With no recorded decision, civil affairs leads: the bureau registered at the division itself,
 * else the only bureau inside it. Two candidates and no decision means we cannot say, so no one.
 */
export function chooseDefaultLead<T extends { divisionCode: string }>(
  divisionCode: string,
  civilAffairsBureaus: readonly T[],
): T | undefined {
  const inside = civilAffairsBureaus.filter((bureau) => isWithin(bureau.divisionCode, divisionCode));
  const exact = inside.filter((bureau) => bureau.divisionCode === divisionCode);
  if (exact.length === 1) return exact[0];
  if (exact.length === 0 && inside.length === 1) return inside[0];
  return undefined;
}

export interface LeadPeriodLike {
  organisationId: string;
  validFrom: string;
  /** Exclusive. */
  validTo: string | null;
  note: string | null;
}

/** The period in force on a day (ISO dates compare as text). */
export function periodOn<T extends LeadPeriodLike>(periods: readonly T[], day: string): T | undefined {
  return periods.find((period) => period.validFrom <= day && (period.validTo === null || period.validTo > day));
}

export type LeadChange =
  | { kind: 'unchanged' }
  | { kind: 'too_early'; earliest: string }
  | { kind: 'replace_latest' }
  | { kind: 'append'; closeLatest: boolean };

/**
 * How a new lead decision enters the history (newest period first). History is never rewritten:
 * a decision may start on the latest period's first day (a same-day correction replaces it) or
 * later (the latest period then ends where the new one starts), never earlier.
 */
export function leadChange(
  latest: LeadPeriodLike | undefined,
  decision: { organisationId: string; validFrom: string; note: string | null },
): LeadChange {
  if (!latest) return { kind: 'append', closeLatest: false };
  if (latest.validTo !== null)
    return decision.validFrom < latest.validTo
      ? { kind: 'too_early', earliest: latest.validTo }
      : { kind: 'append', closeLatest: false };
  if (decision.validFrom < latest.validFrom) return { kind: 'too_early', earliest: latest.validFrom };
  const same = latest.organisationId === decision.organisationId;
  if (decision.validFrom === latest.validFrom)
    return same && latest.note === decision.note ? { kind: 'unchanged' } : { kind: 'replace_latest' };
  return same ? { kind: 'unchanged' } : { kind: 'append', closeLatest: true };
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

// Longest first, so 未成年人救助保护中心 is removed whole rather than leaving 未成年人.
const brandWords = [
  '未成年人救助保护中心',
  '未成年人保护中心',
  '儿童救助保护中心',
  '救助保护中心',
  '救助管理站',
  '儿童福利中心',
  '儿童福利院',
  '社会福利院',
  '救助站',
  '福利院',
];

/** The place part of an institution's name: 荆州市救助管理站 and 荆州未成年人救助保护中心 both give 荆州. */
export function nameStem(name: string): string {
  let stem = name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '');
  for (const word of brandWords) {
    const at = stem.indexOf(word);
    if (at >= 0) {
      stem = stem.slice(0, at);
      break;
    }
  }
  return stem.length > 2 ? stem.replace(/[省市县区]$/, '') : stem;
}

export interface KindTally {
  count: number;
  beds: number;
}

export interface CoverageInstitution {
  id: string;
  name: string;
  kind: ResidentialKind;
  divisionCode: string;
  bedCapacity: number | null;
  phones: readonly string[];
}

export interface CountyCoverage {
  code: string;
  /** null when no current division has this code any more (the institution's county was recoded). */
  name: string | null;
  cityCode: string;
  kinds: Record<ResidentialKind, KindTally>;
  totalBeds: number;
  missingKinds: ResidentialKind[];
  /** No shelter of any kind registered in the county. */
  gap: boolean;
}

export interface CityLevelCoverage {
  cityCode: string;
  kinds: Record<ResidentialKind, KindTally>;
  totalBeds: number;
  institutions: { id: string; name: string; kind: ResidentialKind }[];
}

export interface TwoBrandsCandidate {
  cityCode: string;
  stem: string;
  organisations: { id: string; name: string; kind: ResidentialKind; divisionCode: string }[];
  /** Further signs that the brands share one team: registered at the same code, a contact phone in common. */
  sameDivision: boolean;
  sharedPhone: boolean;
}

export interface CoverageReport {
  counties: CountyCoverage[];
  cityLevel: CityLevelCoverage[];
  twoBrands: TwoBrandsCandidate[];
  gapCount: number;
}

function emptyTally(): Record<ResidentialKind, KindTally> {
  return Object.fromEntries(residentialKindCodes.map((kind) => [kind, { count: 0, beds: 0 }])) as Record<
    ResidentialKind,
    KindTally
  >;
}

function add(tally: Record<ResidentialKind, KindTally>, institution: CoverageInstitution): number {
  const beds = institution.bedCapacity ?? 0;
  tally[institution.kind].count += 1;
  tally[institution.kind].beds += beds;
  return beds;
}

const cityOf = (code: string) => code.slice(0, 4).padEnd(12, '0');
const countyOf = (code: string) => {
  const level = levelOf(code);
  return level === 'county' || level === 'township' || level === 'village'
    ? code.slice(0, 6).padEnd(12, '0')
    : undefined;
};

/**
 * Paper §4.2.1 made visible: which shelters each county has (a county with none is a gap; the
 * city's own institutions are shown apart, since they may serve it), and the "one team, two
 * brands" pattern (see twoBrandsCandidates), as candidates for a person to confirm, not as a finding.
 */
export function coverageReport(
  counties: readonly { code: string; name: string }[],
  institutions: readonly CoverageInstitution[],
): CoverageReport {
  const rows = new Map<string, CountyCoverage>();
  const newRow = (code: string, name: string | null): CountyCoverage => ({
    code,
    name,
    cityCode: cityOf(code),
    kinds: emptyTally(),
    totalBeds: 0,
    missingKinds: [],
    gap: true,
  });
  for (const county of counties) rows.set(county.code, newRow(county.code, county.name));
  const cities = new Map<string, CityLevelCoverage>();
  for (const institution of institutions) {
    const county = countyOf(institution.divisionCode);
    if (county === undefined) {
      const cityCode = cityOf(institution.divisionCode);
      const city = cities.get(cityCode) ?? { cityCode, kinds: emptyTally(), totalBeds: 0, institutions: [] };
      city.totalBeds += add(city.kinds, institution);
      city.institutions.push({ id: institution.id, name: institution.name, kind: institution.kind });
      cities.set(cityCode, city);
      continue;
    }
    const row = rows.get(county) ?? newRow(county, null);
    row.totalBeds += add(row.kinds, institution);
    rows.set(county, row);
  }
  const countyRows = [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const row of countyRows) {
    row.missingKinds = residentialKindCodes.filter((kind) => row.kinds[kind].count === 0);
    row.gap = row.missingKinds.length === residentialKindCodes.length;
  }
  return {
    counties: countyRows,
    cityLevel: [...cities.values()].sort((a, b) => a.cityCode.localeCompare(b.cityCode)),
    twoBrands: twoBrandsCandidates(institutions),
    gapCount: countyRows.filter((row) => row.gap).length,
  };
}

/**
 * The paper's case: a minor protection centre set up inside another shelter. A centre and a rescue
 * station (or welfare home) of one city with the same place stem are listed; a station and a home
 * sharing a stem are ordinary neighbours and are not.
 */
export function twoBrandsCandidates(institutions: readonly CoverageInstitution[]): TwoBrandsCandidate[] {
  const groups = new Map<string, CoverageInstitution[]>();
  for (const institution of institutions) {
    const key = `${cityOf(institution.divisionCode)}|${nameStem(institution.name)}`;
    groups.set(key, [...(groups.get(key) ?? []), institution]);
  }
  const candidates: TwoBrandsCandidate[] = [];
  for (const [key, members] of groups) {
    const kinds = new Set(members.map((m) => m.kind));
    if (!kinds.has('minor_protection_centre') || kinds.size < 2) continue;
    const [cityCode = '', stem = ''] = key.split('|');
    const phones = members.flatMap((m) => [
      ...new Set(m.phones.map((p) => p.replace(/\D/g, '')).filter((p) => p !== '')),
    ]);
    candidates.push({
      cityCode,
      stem,
      organisations: members.map((m) => ({ id: m.id, name: m.name, kind: m.kind, divisionCode: m.divisionCode })),
      sameDivision: new Set(members.map((m) => m.divisionCode)).size < members.length,
      sharedPhone: new Set(phones).size < phones.length,
    });
  }
  return candidates.sort((a, b) => a.cityCode.localeCompare(b.cityCode) || a.stem.localeCompare(b.stem));
}
