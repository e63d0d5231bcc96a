import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  activityListSchema,
  activityViewSchema,
  createActivitySchema,
  matchVolunteerSchema,
  recordActivityHoursSchema,
} from '../../contract/charity/activities.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import {
  createActivityIn,
  listActivities,
  matchVolunteerIn,
  readActivity,
  recordActivityHoursIn,
} from './activities.js';

const tags = ['charity'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });
const manage = { config: { access: { permission: 'charity.manage' } } } as const;

/** One unit of work (replayed under the same key), then the activity as the actor reads it now. */
async function run(
  db: Kysely<Database>,
  actor: Actor,
  action: string,
  key: string | undefined,
  input: unknown,
  fn: (uow: UnitOfWork) => Promise<string>,
) {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    action,
    fn,
    key ? { key: `${action}:${key}`, request: input } : undefined,
  );
  return { view: await readActivity(db, actor, result), replayed };
}

export function registerActivityRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/volunteer-activities',
    {
      ...manage,
      schema: {
        tags,
        summary: "My organisation's activities, their matched volunteers and the candidates",
        response: { 200: activityListSchema },
      },
    },
    async (request) => ({ items: await listActivities(db, request.actor) }),
  );
  app.post(
    '/api/volunteer-activities',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Plan an activity (of a project my organisation provides, if named; send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: createActivitySchema,
        response: { 201: activityViewSchema },
      },
    },
    async (request, response) => {
      const { view, replayed } = await run(
        db,
        request.actor,
        'activity.create',
        request.headers['idempotency-key'],
        request.body,
        (uow) => createActivityIn(uow, request.body, new Date()),
      );
      if (replayed) response.header('idempotent-replayed', 'true');
      return response.status(201).send(view);
    },
  );
  app.post(
    '/api/volunteer-activities/:id/volunteers',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Match a volunteer with a valid criminal-record check (expectedVersion; once each)',
        params: idParams,
        headers: idempotencyHeader,
        body: matchVolunteerSchema,
        response: { 200: activityViewSchema },
      },
    },
    async (request, response) => {
      const { id } = request.params;
      const { view, replayed } = await run(
        db,
        request.actor,
        'activity.match',
        request.headers['idempotency-key'] && `${id}:${request.headers['idempotency-key']}`,
        request.body,
        async (uow) => {
          await matchVolunteerIn(uow, id, request.body, new Date());
          return id;
        },
      );
      if (replayed) response.header('idempotent-replayed', 'true');
      return view;
    },
  );
  app.post(
    '/api/volunteer-activities/:id/hours',
    {
      ...manage,
      schema: {
        tags,
        summary: 'After the activity: the hours each matched volunteer served (expectedVersion; once each)',
        params: idParams,
        headers: idempotencyHeader,
        body: recordActivityHoursSchema,
        response: { 200: activityViewSchema },
      },
    },
    async (request, response) => {
      const { id } = request.params;
      const { view, replayed } = await run(
        db,
        request.actor,
        'activity.hours',
        request.headers['idempotency-key'] && `${id}:${request.headers['idempotency-key']}`,
        request.body,
        async (uow) => {
          await recordActivityHoursIn(uow, id, request.body, new Date());
          return id;
        },
      );
      if (replayed) response.header('idempotent-replayed', 'true');
      return view;
    },
  );
}
