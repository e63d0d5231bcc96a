import { z } from 'zod';

/* Roles and the grants of them that wait for a second person (four eyes). Pure. */

export const pendingGrantsSchema = z.array(z.object({ id: z.string(), roleCode: z.string() }));
/** The answer to setting a user's roles: the grants that now wait for a second person. */
export const rolesSetSchema = z.object({ pendingGrants: pendingGrantsSchema });

/** A role grant waiting for a second person's decision. */
export const roleGrantSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  organisationName: z.string(),
  roleCode: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  canDecide: z.boolean(),
  cannotDecideBecause: z.string().nullable(),
  canWithdraw: z.boolean(),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

export const roleSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
});
export type Role = z.infer<typeof roleSchema>;
