import {
  calendarLoadResultSchema,
  calendarViewSchema,
  calendarYearInputSchema,
  calendarYearParamsSchema,
} from '../../contract/calendar/calendar.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { loadCalendarYear, readCalendar } from './service.js';

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
          "Load a year's State Council arrangement (days off, working weekends); every open provisional deadline is recomputed. A contradictory arrangement → 400 naming each date, nothing stored",
        params: calendarYearParamsSchema,
        body: calendarYearInputSchema,
        response: { 200: calendarLoadResultSchema },
      },
    },
    async (request) => loadCalendarYear(db, request.actor, request.params.year, request.body, 'web'),
  );
}
