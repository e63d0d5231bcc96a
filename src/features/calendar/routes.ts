import {
  calendarLoadAcceptedSchema,
  calendarViewSchema,
  calendarYearInputSchema,
  calendarYearParamsSchema,
} from '../../contract/calendar/calendar.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { acceptCalendarYear } from './accept.js';
import { readCalendar } from './service.js';

const tags = ['calendar'];

export function registerCalendarRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/calendar',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        tags,
        summary:
          'The holiday arrangements in force (shipped and loaded years) and how many open deadlines are still provisional',
        response: { 200: calendarViewSchema },
      },
    },
    async (request) => readCalendar(db, request.actor),
  );

  app.put(
    '/api/calendar/:year',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        tags,
        summary:
          "Load a year's State Council arrangement (days off, working weekends): stored and checked, answered at once (202); every open provisional deadline is then recomputed by a job, its batches done shown by GET /api/calendar. A contradictory arrangement → 400 naming each date, nothing stored; while an earlier load still recomputes → 409 calendar.recomputing",
        params: calendarYearParamsSchema,
        body: calendarYearInputSchema,
        response: { 202: calendarLoadAcceptedSchema },
      },
    },
    async (request, reply) => {
      const accepted = await acceptCalendarYear(db, request.actor, request.params.year, request.body);
      return reply.code(202).send(accepted);
    },
  );
}
