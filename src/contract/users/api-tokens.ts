import { z } from 'zod';

/* API tokens for integrations: listed without their secret, which is shown once at creation. Pure. */

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  jurisdictionCode: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  parentTokenId: z.string().nullable(),
  canMintTokens: z.boolean(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(z.string()).min(1),
  expiresInDays: z.number().int().min(1).max(366),
  jurisdictionCode: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  canMintTokens: z.boolean().optional(),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const createdApiTokenSchema = z.object({ id: z.string(), token: z.string(), expiresAt: z.string() });
