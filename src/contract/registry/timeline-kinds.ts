import { actionTypes } from '../cases/vocabulary.js';

// What the child's timeline's kinds mean (`registered`, `child.updated`, `case.assessment` …): each
// one has a label in both languages, so the timeline never shows a code.

/** Kinds the registry writes; their labels are `registry.timeline.kind.<kind>`. */
export const registryTimelineKinds = [
  'registered',
  'child.created',
  'child.updated',
  'child.merged_from',
  'child.merged_into',
  'child.merge_undone',
  'child.aged_out',
  'child.imported',
  'child.identity_confirmed',
  'child.registered',
  'child.exited',
  'category.proposed',
  'category.confirmed',
  'category.rejected',
  'category.added',
  'category.ended',
  'category.withdrawn',
  'family.added',
  'family.updated',
  'family.removed',
  'family.reinstated',
  'duplicate.not_same',
  'report.received',
  'clock.paused',
  'clock.resumed',
  'clock.recomputed',
] as const;
export type RegistryTimelineKind = (typeof registryTimelineKinds)[number];

/** A step of a case (`case.<action>`): labelled by the case action's own label. */
export type CaseTimelineKind = `case.${(typeof actionTypes)[number]}`;
export const caseTimelineKinds = actionTypes.map((type) => `case.${type}` as CaseTimelineKind);

export const isRegistryTimelineKind = (kind: string): kind is RegistryTimelineKind =>
  (registryTimelineKinds as readonly string[]).includes(kind);
export const isCaseTimelineKind = (kind: string): kind is CaseTimelineKind =>
  (caseTimelineKinds as readonly string[]).includes(kind);
