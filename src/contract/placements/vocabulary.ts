/* The fixed words of placements (where a child lives, under whose care), as the API speaks them. Pure. */

/** Where a child sleeps tonight: at home, with relatives or carers, or in an institution. */
export const placementKinds = [
  'home',
  'kinship_care',
  'entrusted_care',
  'foster_family',
  'rescue_station',
  'protection_centre',
  'welfare_home',
] as const;
export type PlacementKind = (typeof placementKinds)[number];

/** The kinds that are an institution with beds: each names the organisation and takes part in the child's file. */
export const institutionKinds = [
  'rescue_station',
  'protection_centre',
  'welfare_home',
] as const satisfies readonly PlacementKind[];
export type InstitutionKind = (typeof institutionKinds)[number];

/** The organisation kind (contract/organisations) of each institution kind. */
export const organisationKindOf: Record<InstitutionKind, string> = {
  rescue_station: 'rescue_station',
  protection_centre: 'minor_protection_centre',
  welfare_home: 'child_welfare_home',
};

export function isInstitutionKind(kind: string): kind is InstitutionKind {
  return (institutionKinds as readonly string[]).includes(kind);
}

/** On what legal ground the child is there (DOMAIN.md §3). */
export const legalBases = [
  'emergency',
  'temporary_state_guardianship',
  'long_term_state_guardianship',
  'voluntary',
] as const;
export type LegalBasis = (typeof legalBases)[number];

/** Who is the child's guardian during the placement. */
export const guardianshipTypes = [
  'parents',
  'relative_guardian',
  'entrusted_by_parents',
  'state_temporary',
  'state_long_term',
] as const;
export type GuardianshipType = (typeof guardianshipTypes)[number];

/** Documents handed over with the child (the hand-over record lists them). */
export const handoverDocuments = [
  'id_card',
  'household_register',
  'birth_certificate',
  'medical_record',
  'school_record',
  'police_record',
  'court_decision',
  'guardianship_certificate',
  'other',
] as const;
export type HandoverDocument = (typeof handoverDocuments)[number];

/** Why an episode ended without a next placement recorded in Haven. */
export const endReasons = [
  'adopted',
  'aged_out',
  'independent_living',
  'moved_away',
  'died',
  'entry_error',
  'other',
] as const;
export type EndReason = (typeof endReasons)[number];

/** Invariant 3: an episode's status is a fold over its action log. */
export const placementStatuses = ['current', 'extension_requested', 'ended'] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

export const placementActionTypes = [
  'place',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'transfer',
  'end',
  'follow_up',
  'assess_return_home',
  'escort_home',
] as const;
export type PlacementActionType = (typeof placementActionTypes)[number];

/** Actions a person chooses on an episode, in the order the buttons appear. */
export const userPlacementActions = [
  'request_extension',
  'approve_extension',
  'reject_extension',
  'assess_return_home',
  'escort_home',
  'transfer',
  'follow_up',
  'end',
] as const satisfies readonly Exclude<PlacementActionType, 'place'>[];
export type UserPlacementAction = (typeof userPlacementActions)[number];

/** The clocks a placement keeps: the rescue station's stay limit and the quarterly follow-up after return home. */
export const placementClockRules = ['placement.rescue_station_stay', 'placement.follow_up'] as const;
export type PlacementClockRule = (typeof placementClockRules)[number];

/** Lengths of stay, in days, as the occupancy page groups the children in an institution. */
export const stayBands = ['up_to_10', 'up_to_30', 'up_to_90', 'up_to_365', 'over_365'] as const;
export type StayBand = (typeof stayBands)[number];

/** The return-home assessment's finding: the child may go home, or not yet. */
export const returnHomeFindings = ['return_home', 'not_yet'] as const;
export type ReturnHomeFinding = (typeof returnHomeFindings)[number];

/** Legal bases under which the state is the guardian: going home waits for a return-home assessment. */
export const stateGuardianshipBases = [
  'temporary_state_guardianship',
  'long_term_state_guardianship',
] as const satisfies readonly LegalBasis[];

/** Placements that count as the child going home (back to parents or relatives). */
export const returnHomeKinds = ['home', 'kinship_care'] as const satisfies readonly PlacementKind[];
