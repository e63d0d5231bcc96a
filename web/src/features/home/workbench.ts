import type { Permission } from '../../app/auth/permissions';
import { takesCalls } from '../reports/hotline/takesCalls';

/** What a person's first screen is about, decided from what they may do (roles are data). */
export type WorkbenchPart =
  /** Reports to acknowledge, steps due, escalations: counts and large buttons (directors, supervisors, police…). */
  | 'work'
  /** The jurisdiction's key numbers beside the to-dos (officers who read the aggregates). */
  | 'numbers'
  /** The hotline console itself. */
  | 'console'
  /** "New report" and my reports with their outcomes (teachers, doctors). */
  | 'reporter'
  /** The dashboards (analysts). */
  | 'dashboards'
  /** System health (administrators). */
  | 'health';

type Can = (permission: Permission) => boolean;

export function workbenchOf(can: Can): WorkbenchPart[] {
  const worksCases = can('cases.read') || can('reports.receive');
  const parts: WorkbenchPart[] = [];
  if (worksCases) parts.push('work');
  if (worksCases && can('insight.aggregate')) parts.push('numbers');
  if (!worksCases && takesCalls(can)) parts.push('console');
  else if (!worksCases && can('reports.submit')) parts.push('reporter');
  if (!worksCases && !can('children.read') && can('insight.aggregate')) parts.push('dashboards');
  if (can('roles.manage') || can('divisions.manage')) parts.push('health');
  return parts;
}
