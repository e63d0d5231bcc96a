import { type Role, type RoleGrant, roleGrantSchema, roleSchema } from '@contract/users/role-grants.js';
import { createdUserSchema, temporaryPasswordSchema, type UserSummary, userPageSchema } from '@contract/users/users.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { queryString, requestJson, requestParsed } from '../../app/api/client';

export type { Role, RoleGrant, UserSummary };

export const userPageSize = 20;

export function useUsers(filters: { q?: string | undefined; page: number }) {
  return useQuery({
    queryKey: ['users', 'list', filters],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      requestParsed(
        userPageSchema,
        `/api/users${queryString({ q: filters.q, page: filters.page, pageSize: userPageSize })}`,
        {
          signal,
        },
      ),
  });
}

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    staleTime: 10 * 60_000,
    queryFn: ({ signal }) => requestParsed(z.array(roleSchema), '/api/roles', { signal }),
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
  const created = await requestParsed(createdUserSchema, '/api/users', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return {
    id: created.id,
    temporaryPassword: created.temporaryPassword,
    pendingRoles: created.pendingGrants.map((grant) => grant.roleCode),
  };
}

/** Requests to grant a role that reads children's files, waiting for a second person. */
export function usePendingGrants() {
  return useQuery({
    queryKey: ['users', 'role-grants'],
    queryFn: ({ signal }) => requestParsed(z.array(roleGrantSchema), '/api/role-grants', { signal }),
  });
}

// The next three answer 204 (no body): there is nothing to read with the contract.
export async function decideGrant(id: string, decision: 'approve' | 'reject' | 'withdraw'): Promise<void> {
  await requestJson(`/api/role-grants/${encodeURIComponent(id)}/${decision}`, { method: 'POST' });
}

export async function resetPassword(id: string): Promise<string> {
  const path = `/api/users/${encodeURIComponent(id)}/reset-password`;
  return (await requestParsed(temporaryPasswordSchema, path, { method: 'POST' })).temporaryPassword;
}

export async function setLocked(id: string, locked: boolean): Promise<void> {
  await requestJson(`/api/users/${encodeURIComponent(id)}/lock`, { method: 'POST', body: { locked } });
}
