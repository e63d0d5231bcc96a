import { z } from 'zod';

/* Signing in, step by step (password, second factor, enrolment, new password), and "me". Pure. */

/** The step of signing in still to take, or null when signed in. */
export const signInStepSchema = z.enum(['totp', 'totp_enrolment', 'password_change']).nullable();
/** GET /api/auth/me: who is signed in, what they may do, and the CSRF token for changes. */
export const meSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    jurisdictionCode: z.string(),
    seesChildrenByPlace: z.boolean(),
  }),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  needs: signInStepSchema,
  csrfToken: z.string(),
  preferences: z.record(z.string(), z.unknown()),
});
export type Me = z.infer<typeof meSchema>;
/**
 * GET /api/auth/session: the same as "me", but answered 200 when nobody is signed in, so a page
 * that has not signed in yet asks without a refused request (and a browser console error).
 */
export const sessionStateSchema = z.object({ me: meSchema.nullable() });
export type SignInStep = z.infer<typeof signInStepSchema>;

export const signInBodySchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export const signInAnswerSchema = z.object({ needs: signInStepSchema, csrfToken: z.string() });
export const secondFactorBodySchema = z.object({ code: z.string().trim().min(6).max(20) });
export const totpSetupSchema = z.object({ secret: z.string(), uri: z.string() });
export const totpConfirmBodySchema = z.object({ code: z.string().trim().length(6) });
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const passwordChangeBodySchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export const signOutQuerySchema = z.object({ everywhere: z.stringbool().optional() });
