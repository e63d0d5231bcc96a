import type { OrganisationKind } from '../../contract/organisations/kinds.js';
import type { CountyReport, MatrixCell, OneTeamTwoBrands, ResolvedCell } from '../../contract/service-matrix/views.js';
import { provides, type ServiceCode, serviceCodes } from '../../contract/service-matrix/vocabulary.js';

/*
 * The responsibility matrix, pure: which version of which division applies to a place on a date,
 * the cells merged from the general to the specific, and the report (overlaps, gaps, one team with
 * two brands). No I/O.
 */

export const everywhere = '000000000000';

export interface StoredVersion {
  divisionCode: string;
  version: number;
  validFrom: string;
  cells: readonly MatrixCell[];
}

/** Whether `scope` is the place itself or one above it (everywhere is above every place). */
export function covers(scope: string, place: string): boolean {
  return scope === everywhere || place.startsWith(significant(scope));
}

/** '421002000000' → '421002', '421002101000' → '421002101' (levels are 2/4/6/9/12 digits). */
export function significant(code: string): string {
  for (const length of [2, 4, 6, 9]) if (/^0*$/.test(code.slice(length))) return code.slice(0, length);
  return code;
}

/**
 * The matrix of a place on a date: for every division that covers it (general first), its newest
 * version valid on the date; each cell comes from the most specific of them that sets it.
 */
export function resolveMatrix(
  versions: readonly StoredVersion[],
  place: string,
  asOf: string,
): Map<string, ResolvedCell> {
  const newest = new Map<string, StoredVersion>();
  for (const v of versions) {
    if (!covers(v.divisionCode, place) || v.validFrom > asOf) continue;
    const current = newest.get(v.divisionCode);
    if (!current || v.version > current.version) newest.set(v.divisionCode, v);
  }
  const general = [...newest.values()].sort(
    (a, b) => significantLength(a.divisionCode) - significantLength(b.divisionCode),
  );
  const cells = new Map<string, ResolvedCell>();
  for (const v of general)
    for (const cell of v.cells)
      cells.set(cellKey(cell.service, cell.kind), { ...cell, fromDivision: v.divisionCode, fromVersion: v.version });
  return cells;
}

function significantLength(code: string): number {
  return code === everywhere ? 0 : significant(code).length;
}

export const cellKey = (service: string, kind: string) => `${service}|${kind}`;

/** A kind's responsibility for a service in a resolved matrix (none when no division sets it). */
export function responsibilityOf(
  matrix: ReadonlyMap<string, ResolvedCell>,
  kind: string,
  service: string,
): ResolvedCell['responsibility'] {
  return matrix.get(cellKey(service, kind))?.responsibility ?? 'none';
}

export interface ProviderOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  divisionCode: string;
}

/**
 * One county: an organisation serves it when it sits in the county or at a level above it (a city's
 * welfare home serves every county of the city). An **overlap** is a service that two or more
 * kinds lead, each with an organisation serving the county. A **gap** is a service no serving
 * organisation provides (leads or takes part) — whatever the matrix expects of kinds absent there.
 */
export function countyReport(
  county: { code: string; name: string },
  matrix: ReadonlyMap<string, ResolvedCell>,
  organisations: readonly ProviderOrganisation[],
): CountyReport {
  const serving = organisations.filter(
    (o) => o.divisionCode.startsWith(significant(county.code)) || covers(o.divisionCode, county.code),
  );
  const byKind = new Map<OrganisationKind, ProviderOrganisation[]>();
  for (const o of serving) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
  const overlaps: CountyReport['overlaps'] = [];
  const gaps: CountyReport['gaps'] = [];
  for (const service of serviceCodes as readonly ServiceCode[]) {
    const cells = [...matrix.values()].filter((c) => c.service === service && provides(c.responsibility));
    const leaders = cells
      .filter((c) => c.responsibility === 'leads' && byKind.has(c.kind))
      .map((c) => ({
        kind: c.kind,
        organisations: (byKind.get(c.kind) ?? []).map(({ id, name, kind, divisionCode }) => ({
          id,
          name,
          kind,
          divisionCode,
        })),
      }));
    if (leaders.length >= 2) overlaps.push({ service, leaders });
    if (!cells.some((c) => byKind.has(c.kind))) gaps.push({ service, expectedKinds: cells.map((c) => c.kind) });
  }
  return { code: county.code, name: county.name, overlaps, gaps };
}

export interface ContactedOrganisation extends ProviderOrganisation {
  contacts: readonly { name: string; phone?: string }[];
}

const phoneKey = (phone: string) => phone.replace(/[^\d]/g, '');

/**
 * "One team, two brands" (一套人马、两块牌子): organisations of different kinds in the same division
 * that give the same contact phone or the same contact person — one staff under two names, which
 * the matrix would otherwise count twice. Grouped transitively; each group says what they share.
 */
export function oneTeamTwoBrands(organisations: readonly ContactedOrganisation[]): OneTeamTwoBrands[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    const up = parent.get(id) ?? id;
    if (up === id) return id;
    const root = find(up);
    parent.set(id, root);
    return root;
  };
  const shared = new Map<string, { by: 'phone' | 'contact'; value: string }[]>();
  const seen = new Map<string, ContactedOrganisation>();
  for (const o of organisations) {
    const keys = new Set<string>();
    for (const c of o.contacts) {
      if (c.phone && phoneKey(c.phone).length >= 5) keys.add(`phone:${phoneKey(c.phone)}`);
      if (c.name.trim()) keys.add(`contact:${c.name.trim()}`);
    }
    for (const key of keys) {
      const scoped = `${o.divisionCode}|${key}`;
      const other = seen.get(scoped);
      if (other && other.kind !== o.kind) {
        parent.set(find(o.id), find(other.id));
        const [by, value] = key.split(/:(.*)/s) as ['phone' | 'contact', string];
        const list = shared.get(`${other.id}|${o.id}`) ?? [];
        list.push({ by, value });
        shared.set(`${other.id}|${o.id}`, list);
      } else if (!other) seen.set(scoped, o);
    }
  }
  const groups = new Map<string, ContactedOrganisation[]>();
  for (const o of organisations) {
    if (!parent.has(o.id) && ![...parent.values()].includes(o.id)) continue;
    const root = find(o.id);
    groups.set(root, [...(groups.get(root) ?? []), o]);
  }
  return [...groups.values()]
    .filter((members) => members.length >= 2)
    .map((members) => {
      const ids = new Set(members.map((m) => m.id));
      const reasons = [...shared.entries()]
        .filter(([pair]) => pair.split('|').every((id) => ids.has(id)))
        .flatMap(([, list]) => list);
      const unique = [...new Map(reasons.map((r) => [`${r.by}:${r.value}`, r])).values()];
      return {
        organisations: members.map(({ id, name, kind, divisionCode }) => ({ id, name, kind, divisionCode })),
        shared: unique,
      };
    });
}
