import { z } from 'zod';

/* GET /api/health: is Haven up (answered with 200 or 503, same shape). Pure. */

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({
    reachable: z.boolean(),
    /** unavailable: Haven answers 503 with Retry-After until it is back (embedded: Haven starts it again). */
    state: z.enum(['ok', 'unavailable']),
    mode: z.enum(['embedded', 'server']),
    migrations: z.object({ current: z.string().nullable(), pending: z.array(z.string()) }),
  }),
});
export type Health = z.infer<typeof healthSchema>;
