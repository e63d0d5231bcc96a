import { z } from 'zod';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { myWorkSchema } from '../../contract/my-work/my-work.js';
import { myWork } from './my-work.js';
import { changeClock } from './service.js';

const clockStateSchema = z.object({
  id: z.string(),
  rule: z.string(),
  state: z.string(),
  dueAt: z.string(),
  pauseReason: z.string().nullable(),
});
const idParams = z.object({ id: z.uuid() });

export function registerClockRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/my-work',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['cases'],
        summary:
          'My work: reports my organisation must acknowledge, case steps due, alerts for me or my organisation — overdue first',
        response: { 200: myWorkSchema },
      },
    },
    async (request) => myWork(db, request.actor),
  );

  app.post(
    '/api/clocks/:id/pause',
    {
      config: { access: { permission: 'cases.act' } },
      schema: {
        tags: ['cases'],
        summary: "Pause a case step's clock with a reason (owner or lead organisation); it stops escalating",
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1, { error: 'cases.reason_required' }).max(500) }),
        response: { 200: clockStateSchema },
      },
    },
    async (request) => changeClock(db, request.actor, request.params.id, { pause: true, reason: request.body.reason }),
  );

  app.post(
    '/api/clocks/:id/resume',
    {
      config: { access: { permission: 'cases.act' } },
      schema: {
        tags: ['cases'],
        summary: 'Resume a paused clock; its due time moves by the time it was paused',
        params: idParams,
        response: { 200: clockStateSchema },
      },
    },
    async (request) => changeClock(db, request.actor, request.params.id, { pause: false }),
  );
}
