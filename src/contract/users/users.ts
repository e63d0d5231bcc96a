import { z } from 'zod';
import { pendingGrantsSchema } from './role-grants.js';

export const divisionCodeSchema = z.string().regex(/^\d{12}$/, 'users.invalid_division');

export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(60)
    .regex(/^[A-Za-z0-9_.@-]+$/),
  displayName: z.string().trim().min(1).max(60),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/)
    .nullable()
    .optional(),
  organisationId: z.uuid(),
  jurisdictionCode: divisionCodeSchema.optional(),
  roles: z.array(z.string().min(1)).min(1),
  temporaryPassword: z.string().min(10).max(200).optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const userSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  organisationId: z.string(),
  organisationName: z.string(),
  jurisdictionCode: z.string(),
  roles: z.array(z.string()),
  totpEnabled: z.boolean(),
  locked: z.boolean(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().max(60).optional(),
});
export const userPageSchema = z.object({ items: z.array(userSummarySchema), total: z.number() });
export const createdUserSchema = z.object({
  id: z.string(),
  temporaryPassword: z.string(),
  pendingGrants: pendingGrantsSchema,
});
/** A one-time password: shown once, changed at the first sign-in. */
export const temporaryPasswordSchema = z.object({ temporaryPassword: z.string() });
