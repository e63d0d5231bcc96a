import type { Permission } from '../../../app/auth/permissions';

/**
 * Who works at the hotline console: holders of `reports.hotline` (roles are data; the built-in
 * hotline operator has it). They also submit the reports the calls become.
 */
export function takesCalls(can: (permission: Permission) => boolean): boolean {
  return can('reports.hotline') && can('reports.submit');
}
