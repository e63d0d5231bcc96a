import type { Kysely } from 'kysely';
import { systemActor } from '../../../src/platform/access/actor.js';
import type { Database } from '../../../src/platform/db/schema.js';
import type { OrganisationKind } from '../../../src/contract/organisations/kinds.js';
import { setLeadAgency } from '../../../src/features/organisations/lead-agencies.js';
import { createOrganisationSchema, type Organisation } from '../../../src/contract/organisations/organisations.js';
import { createOrganisation } from '../../../src/features/organisations/service.js';
import { places } from './places.js';
import type { Sequence } from './sequence.js';

export type OrganisationOverrides = Partial<{
  name: string;
  kind: OrganisationKind;
  divisionCode: string;
  parentId: string;
  services: string[];
  bedCapacity: number;
}>;

const residential = new Set<OrganisationKind>(['rescue_station', 'minor_protection_centre', 'child_welfare_home']);

/** Through the organisations use case, as an administrator of the whole installation would. */
export async function makeOrganisation(
  db: Kysely<Database>,
  sequence: Sequence,
  overrides: OrganisationOverrides = {},
): Promise<Organisation> {
  const kind = overrides.kind ?? 'civil_affairs_bureau';
  const input = createOrganisationSchema.parse({
    name: overrides.name ?? `测试机构${sequence.take()}`,
    kind,
    divisionCode: overrides.divisionCode ?? places.shashi,
    parentId: overrides.parentId,
    services: overrides.services ?? [],
    bedCapacity: overrides.bedCapacity ?? (residential.has(kind) ? 20 : undefined),
  });
  return (await createOrganisation(db, systemActor('test-factory'), input)).organisation;
}

/** Names the organisation as the lead agency of a city or county (from the given day). */
export async function makeLeadAgency(
  db: Kysely<Database>,
  divisionCode: string,
  organisationId: string,
  validFrom = '2024-01-01',
): Promise<void> {
  await setLeadAgency(db, systemActor('test-factory'), divisionCode, { organisationId, validFrom });
}

/** Where a person of each built-in role works unless the test says otherwise. */
export const homeOfRole: Record<string, { kind: OrganisationKind; divisionCode: string }> = {
  system_admin: { kind: 'civil_affairs_bureau', divisionCode: places.jingzhou },
  civil_affairs_officer: { kind: 'civil_affairs_bureau', divisionCode: places.shashi },
  township_supervisor: { kind: 'township_government', divisionCode: places.cenhe },
  village_director: { kind: 'village_committee', divisionCode: places.chenlong },
  institution_staff: { kind: 'minor_protection_centre', divisionCode: places.jingzhou },
  police_officer: { kind: 'police', divisionCode: places.shashi },
  prosecutor: { kind: 'procuratorate', divisionCode: places.jingzhou },
  hotline_operator: { kind: 'womens_federation', divisionCode: places.jingzhou },
  social_worker: { kind: 'social_work_organisation', divisionCode: places.jingzhou },
  charity_coordinator: { kind: 'charity', divisionCode: places.jingzhou },
  mandated_reporter: { kind: 'school', divisionCode: places.cenhe },
  analyst: { kind: 'civil_affairs_bureau', divisionCode: places.jingzhou },
  auditor: { kind: 'civil_affairs_bureau', divisionCode: places.jingzhou },
};
