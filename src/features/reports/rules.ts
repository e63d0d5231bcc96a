import { divisionLevels, type DivisionLevel, levelOf } from '../../core/places.js';
import { defineStatusTable } from '../../core/workflow/rules.js';
import type { ServiceCode } from '../../contract/service-matrix/vocabulary.js';
import type { Channel, RecipientRole, StatutoryRecipientRole } from './tables.js';

/** The nine statutory situations that trigger a mandatory report (DOMAIN.md §3). */
export const situationCodes = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export const attachmentTypes = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];

/** The type of a file from its first bytes; the name and the browser's claim are not trusted. */
export function detectAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return undefined;
}

export function formatReferenceNumber(year: number, serial: number): string {
  return `R-${year}-${String(serial).padStart(6, '0')}`;
}

export interface RoutingRules {
  civilAffairs: boolean;
  education: boolean;
  township: boolean;
  village: boolean;
  seesReporter: readonly RecipientRole[];
}

/** Organisation kind of each receiving role. */
export const recipientKind: Record<StatutoryRecipientRole, string> = {
  police: 'police',
  civil_affairs: 'civil_affairs_bureau',
  education: 'education',
  township: 'township_government',
  village: 'village_committee',
};

export function recipientRolesFor(rules: RoutingRules): StatutoryRecipientRole[] {
  const roles: StatutoryRecipientRole[] = ['police'];
  if (rules.civilAffairs) roles.push('civil_affairs');
  if (rules.education) roles.push('education');
  if (rules.township) roles.push('township');
  if (rules.village) roles.push('village');
  return roles;
}

export function recipientSeesReporter(role: RecipientRole, rules: RoutingRules): boolean {
  return role === 'police' || rules.seesReporter.includes(role);
}

/** The nearest organisation of a kind among the place and its ancestors (village first). */
export function nearestOrganisation<T extends { kind: string; divisionCode: string }>(
  candidates: readonly T[],
  kind: string,
  placeAndAncestors: readonly string[],
): T | undefined {
  for (const code of [...placeAndAncestors].reverse()) {
    const found = candidates.find((c) => c.kind === kind && c.divisionCode === code);
    if (found) return found;
  }
  return undefined;
}

/** The level at which (or below which) each receiver normally sits: a police station or county bureau, the township, the village. */
export const recipientHomeLevel: Record<StatutoryRecipientRole, DivisionLevel> = {
  police: 'county',
  civil_affairs: 'county',
  education: 'county',
  township: 'township',
  village: 'village',
};

/**
 * Whether the receiver found for a place sits above where one is expected (the place had none at
 * its level, so routing went up the division tree): the report taker is told.
 */
export function fellBack(role: StatutoryRecipientRole, reportPlace: string, organisationPlace: string): boolean {
  const depth = (code: string) => divisionLevels.indexOf(levelOf(code) ?? 'village');
  return depth(organisationPlace) < Math.min(divisionLevels.indexOf(recipientHomeLevel[role]), depth(reportPlace));
}

/**
 * The catalogue services a report implies, from its situations and the rule section's
 * `matrixServices` (situation number → services): each once, in catalogue-map order of the situations.
 */
export function impliedServices(
  situations: readonly number[],
  matrixServices: Readonly<Partial<Record<string, readonly ServiceCode[]>>>,
): ServiceCode[] {
  const implied: ServiceCode[] = [];
  for (const situation of [...situations].sort((a, b) => a - b))
    for (const service of matrixServices[String(situation)] ?? [])
      if (!implied.includes(service)) implied.push(service);
  return implied;
}

/** Minutes between knowing and reporting, the measure of a mandated reporter's compliance. */
export function reportingDelayMinutes(knewAt: Date | null, reportedAt: Date): number | null {
  return knewAt ? Math.max(0, Math.round((reportedAt.getTime() - knewAt.getTime()) / 60_000)) : null;
}

export function channelNeedsKnewAt(channel: Channel): boolean {
  return channel === 'mandated';
}

/**
 * A receiver's copy of a report (`report_recipients`) on the workflow engine: received when routed,
 * then acknowledged by the receiving organisation — once; acknowledging again changes nothing.
 */
export const recipientStatuses = ['received', 'acknowledged'] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];
export type RecipientAction = 'acknowledge';

export const recipientStatusTable = defineStatusTable<RecipientStatus, RecipientAction>({
  statuses: recipientStatuses,
  initial: 'received',
  actions: {
    acknowledge: { from: ['received'], to: 'acknowledged', permission: 'reports.receive', idempotent: true },
  },
});
