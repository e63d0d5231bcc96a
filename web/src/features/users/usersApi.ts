import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { isRecord, queryString, requestJson } from '../../app/api/client';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  organisationName: string;
  jurisdictionCode: string;
  roles: string[];
  totpEnabled: boolean;
  locked: boolean;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}

export interface Role {
  code: string;
  nameZh: string;
  nameEn: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

function parseUser(value: unknown): UserSummary | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.username !== 'string') return null;
  return {
    id: value.id,
    username: value.username,
    displayName: text(value.displayName) ?? value.username,
    phone: text(value.phone),
    organisationName: text(value.organisationName) ?? '',
    jurisdictionCode: text(value.jurisdictionCode) ?? '',
    roles: Array.isArray(value.roles) ? value.roles.filter((role): role is string => typeof role === 'string') : [],
    totpEnabled: value.totpEnabled === true,
    locked: value.locked === true,
    disabled: value.disabled === true,
    mustChangePassword: value.mustChangePassword === true,
    lastLoginAt: text(value.lastLoginAt),
  };
}

export const userPageSize = 20;

export function useUsers(filters: { q?: string | undefined; page: number }) {
  return useQuery({
    queryKey: ['users', 'list', filters],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const body = await requestJson(
        `/api/users${queryString({ q: filters.q, page: filters.page, pageSize: userPageSize })}`,
        { signal },
      );
      const items =
        isRecord(body) && Array.isArray(body.items)
          ? body.items.map(parseUser).filter((user): user is UserSummary => user !== null)
          : [];
      return { items, total: isRecord(body) && typeof body.total === 'number' ? body.total : items.length };
    },
  });
}

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }): Promise<Role[]> => {
      const body = await requestJson('/api/roles', { signal });
      if (!Array.isArray(body)) return [];
      return body.flatMap((role: unknown) =>
        isRecord(role) && typeof role.code === 'string'
          ? [{ code: role.code, nameZh: text(role.nameZh) ?? role.code, nameEn: text(role.nameEn) ?? role.code }]
          : [],
      );
    },
  });
}

export interface NewUser {
  username: string;
  displayName: string;
  phone?: string | null | undefined;
  organisationId: string;
  jurisdictionCode?: string | undefined;
  roles: string[];
}

export async function createUser(
  input: NewUser,
  idempotencyKey: string,
): Promise<{ id: string; temporaryPassword: string; pendingRoles: string[] }> {
  const body = await requestJson('/api/users', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.temporaryPassword !== 'string')
    throw new Error('unreadable user');
  const pending = Array.isArray(body.pendingGrants) ? body.pendingGrants : [];
  return {
    id: body.id,
    temporaryPassword: body.temporaryPassword,
    pendingRoles: pending.flatMap((grant: unknown) =>
      isRecord(grant) && typeof grant.roleCode === 'string' ? [grant.roleCode] : [],
    ),
  };
}

/** A request to grant a role that reads children's files, waiting for a second person. */
export interface RoleGrant {
  id: string;
  username: string;
  displayName: string;
  organisationName: string;
  roleCode: string;
  requestedBy: string;
  requestedAt: string;
  canDecide: boolean;
  cannotDecideBecause: string | null;
  canWithdraw: boolean;
}

function parseGrant(value: unknown): RoleGrant | null {
  if (
    !isRecord(value) ||
    typeof value.id !== 'string' ||
    typeof value.roleCode !== 'string' ||
    typeof value.username !== 'string'
  )
    return null;
  return {
    id: value.id,
    username: value.username,
    displayName: text(value.displayName) ?? value.username,
    organisationName: text(value.organisationName) ?? '',
    roleCode: value.roleCode,
    requestedBy: text(value.requestedBy) ?? '',
    requestedAt: text(value.requestedAt) ?? '',
    canDecide: value.canDecide === true,
    cannotDecideBecause: text(value.cannotDecideBecause),
    canWithdraw: value.canWithdraw === true,
  };
}

export function usePendingGrants() {
  return useQuery({
    queryKey: ['users', 'role-grants'],
    queryFn: async ({ signal }): Promise<RoleGrant[]> => {
      const body = await requestJson('/api/role-grants', { signal });
      return Array.isArray(body) ? body.map(parseGrant).filter((grant): grant is RoleGrant => grant !== null) : [];
    },
  });
}

export async function decideGrant(id: string, decision: 'approve' | 'reject' | 'withdraw'): Promise<void> {
  await requestJson(`/api/role-grants/${encodeURIComponent(id)}/${decision}`, { method: 'POST' });
}

export async function resetPassword(id: string): Promise<string> {
  const body = await requestJson(`/api/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST' });
  if (!isRecord(body) || typeof body.temporaryPassword !== 'string') throw new Error('unreadable reset');
  return body.temporaryPassword;
}

export async function setLocked(id: string, locked: boolean): Promise<void> {
  await requestJson(`/api/users/${encodeURIComponent(id)}/lock`, { method: 'POST', body: { locked } });
}
