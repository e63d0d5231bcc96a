import {
  type AuditArea,
  auditActions,
  auditAreas,
  isAuditAction,
  isAuditArea,
  isAuditEntityType,
  isSystemActorReason,
} from '@contract/audit/actions.js';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from './auditApi';

// Every code of the audit log in words (the contract's vocabularies, src/contract/audit/actions.ts);
// the code itself only in a tooltip, for the auditor who searches by it.

const key = (code: string) => code.replace(/\./g, '_') as 'auth_sign_in';

export function areaText(t: TFunction, area: AuditArea): string {
  return t(`audit.area.${area}`);
}

export function actionText(t: TFunction, action: string): string {
  if (isAuditAction(action)) return t(`audit.actions.${key(action)}`);
  const area = action.split('.')[0] ?? '';
  return isAuditArea(area) ? t('audit.otherAction', { area: areaText(t, area) }) : t('audit.entityOther');
}

export function actorText(t: TFunction, label: string): string {
  if (!label.startsWith('system:')) return label;
  const reason = label.slice('system:'.length);
  return isSystemActorReason(reason)
    ? t('audit.systemActor', { reason: t(`audit.system.${reason}`) })
    : t('audit.systemActorOther');
}

/**
 * The action filter's choices, grouped by area: the area as a whole ("auth.", matched as a prefix)
 * where the area has one code, then each of its actions.
 */
export function actionOptions(t: TFunction) {
  const groups = new Map<string, AuditArea[]>();
  for (const area of auditAreas) groups.set(areaText(t, area), [...(groups.get(areaText(t, area)) ?? []), area]);
  return [...groups].map(([label, areas]) => ({
    label,
    options: [
      ...(areas.length === 1 ? [{ value: `${areas[0]}.`, label: t('audit.actionAreaAll', { area: label }) }] : []),
      ...auditActions
        .filter((action) => areas.some((area) => action.startsWith(`${area}.`)))
        .map((action) => ({ value: action, label: actionText(t, action) })),
    ],
  }));
}

const pathOf: Record<string, (id: string) => string> = {
  case: (id) => `/cases/${encodeURIComponent(id)}`,
  child: (id) => `/registry/${encodeURIComponent(id)}`,
};

/** The record an entry is about: its kind in words and its human reference, linked where it has a page. */
export function EntityText({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (!entry.entityType) return <>—</>;
  const kind = isAuditEntityType(entry.entityType) ? t(`audit.entityType.${entry.entityType}`) : t('audit.entityOther');
  const path = entry.entityId ? pathOf[entry.entityType] : undefined;
  const ref = entry.entityRef;
  return (
    <span className="haven-stack">
      <span>{kind}</span>
      {ref && (path && entry.entityId ? <Link to={path(entry.entityId)}>{ref}</Link> : <span>{ref}</span>)}
    </span>
  );
}

export function ChildText({ entry }: { entry: AuditEntry }) {
  if (!entry.childId) return <>—</>;
  const ref = entry.childRef;
  return ref ? <Link to={`/registry/${encodeURIComponent(entry.childId)}`}>{ref}</Link> : <>—</>;
}
