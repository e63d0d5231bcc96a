import type { Permission } from '../../../app/auth/permissions';

/**
 * Who works at the hotline console, read from permissions (roles are data): people who take
 * reports and look children up but work no cases themselves — a hotline operator. Directors,
 * social workers and officers take reports too, but their first screen is their own work.
 * A dedicated permission (`reports.hotline`) would say it directly; it needs a migration.
 */
export function takesCalls(can: (permission: Permission) => boolean): boolean {
  return can('reports.submit') && can('children.read') && !can('cases.read') && !can('reports.receive');
}
