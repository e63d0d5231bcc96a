import { z } from 'zod';

/** The phone asking: its own random id, made once and kept beside its sealed store. */
export const offlineKeyQuerySchema = z.object({ device: z.uuid() });

/**
 * The key that seals what a phone keeps offline (GET /api/visits/offline-key): 32 bytes (base64url)
 * of this person on this phone, answered only to a signed-in browser session, and the session's
 * absolute end, after which the phone deletes its store.
 */
export const offlineKeySchema = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type OfflineKey = z.infer<typeof offlineKeySchema>;
