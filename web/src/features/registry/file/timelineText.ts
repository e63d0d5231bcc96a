import { isCaseTimelineKind, isRegistryTimelineKind } from '@contract/registry/timeline-kinds.js';
import type { TFunction } from 'i18next';
import i18next from 'i18next';
import { timelineKindKey } from '../../../app/routing/featureRegistry';

/**
 * The timeline's kind in words: the registry's own kinds, a case's step by the case action's label,
 * any other feature's kinds by the labels its routes module declares (app/routing/featureRoute.ts).
 */
export function timelineKindText(t: TFunction, kind: string): string {
  if (isRegistryTimelineKind(kind)) return t(`registry.timeline.kind.${kind}`);
  if (isCaseTimelineKind(kind)) return t(`cases.action.${kind.slice('case.'.length) as 'open'}`);
  const key = timelineKindKey(kind);
  if (key && i18next.exists(key)) return (t as unknown as (k: string) => string)(key);
  return t('registry.timeline.other');
}

// A changed field's value in words where the field holds a code (risk grade, sex, status, relation …).
const valueKeys: Record<string, string> = {
  riskGrade: 'registry.risk',
  sex: 'registry.sex',
  status: 'registry.status',
  relation: 'registry.relation',
  guardianshipCapacity: 'registry.capacity',
  disabilityType: 'registry.disabilityType',
  category: 'registry.category',
  code: 'registry.category',
  state: 'registry.categoryState',
  // A child's exit (child.exited): the national exit reasons, labelled where leaving the registry is asked.
  reason: 'benefits.exit.reason',
};

export function fieldValueText(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((item) => fieldValueText(t, field, item)).join('、') || '—';
  if (typeof value === 'boolean') return value ? t('cases.form.yes') : t('cases.form.no');
  if (typeof value === 'object') return '…';
  const prefix = valueKeys[field];
  const key = prefix ? `${prefix}.${String(value)}` : '';
  return prefix && i18next.exists(key) ? (t as unknown as (k: string) => string)(key) : String(value);
}
