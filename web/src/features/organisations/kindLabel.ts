import type { TFunction } from 'i18next';
import { organisationKinds, type OrganisationKind } from './organisationsApi';

export function kindLabel(kind: OrganisationKind | null, t: TFunction): string {
  return kind ? t(`orgKind.${kind}`) : '—';
}

export function kindOptions(t: TFunction) {
  return organisationKinds.map((kind) => ({ value: kind, label: t(`orgKind.${kind}`) }));
}
