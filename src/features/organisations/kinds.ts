import { type OrganisationKind, organisationKinds, type Subject } from '../../contract/organisations/kinds.js';

// The vocabulary is the contract's (the API and the web speak it); the helpers stay here.
export {
  type OrganisationKind,
  organisationKinds,
  type Subject,
  subjects,
} from '../../contract/organisations/kinds.js';

export const organisationKindCodes = Object.keys(organisationKinds) as OrganisationKind[];

export const residentialKindCodes = ['rescue_station', 'minor_protection_centre', 'child_welfare_home'] as const;
export type ResidentialKind = (typeof residentialKindCodes)[number];

/** Institutions that shelter children record their bed capacity. */
export const residentialKinds: readonly OrganisationKind[] = residentialKindCodes;

/** Civil affairs leads child protection by default; the 2024 amendment lets the women-and-children work body lead instead. */
export const leadAgencyKinds: readonly OrganisationKind[] = ['civil_affairs_bureau', 'women_children_committee'];

export function isOrganisationKind(value: string): value is OrganisationKind {
  return Object.hasOwn(organisationKinds, value);
}

export function isResidentialKind(kind: string): kind is ResidentialKind {
  return (residentialKindCodes as readonly string[]).includes(kind);
}

export function subjectOf(kind: OrganisationKind): Subject {
  return organisationKinds[kind].subject;
}

export function kindsOfSubject(subject: Subject): OrganisationKind[] {
  return organisationKindCodes.filter((kind) => organisationKinds[kind].subject === subject);
}
