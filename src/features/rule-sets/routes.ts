import { z } from 'zod';
import { shanghaiDateOf } from '../../platform/calendar/iso-date.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { effectiveRules, listRuleSets, publishRuleSet } from './service.js';

const divisionCode = z.string().regex(/^\d{12}$/, 'organisations.division_format');
const isoDate = z.iso.date();
const tags = ['rule sets'];

export function registerRuleSetRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/rule-sets/effective',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'The rules in force for a division on a date (deadlines, thresholds, recipients): defaults overridden by the stored versions that apply',
        querystring: z.object({ division: divisionCode, asOf: isoDate.optional() }),
        response: {
          200: z.object({
            divisionCode: z.string(),
            asOf: z.string(),
            version: z.string(),
            sections: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
    async (request) => effectiveRules(db, request.query.division, request.query.asOf ?? shanghaiDateOf(new Date())),
  );

  app.get(
    '/api/rule-sets',
    {
      config: { access: { permission: 'rules.manage' } },
      schema: {
        tags,
        summary:
          'Stored rule-set versions that apply to a division (its own and those of the levels above), newest first per scope',
        querystring: z.object({ division: divisionCode }),
        response: {
          200: z.array(
            z.object({
              scopeCode: z.string(),
              version: z.number(),
              validFrom: z.string(),
              rules: z.record(z.string(), z.unknown()),
              note: z.string().nullable(),
              createdAt: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => listRuleSets(db, request.query.division),
  );

  app.post(
    '/api/rule-sets',
    {
      config: { access: { permission: 'rules.manage' } },
      schema: {
        tags,
        summary:
          'Publish a new rule-set version for a division subtree from a date (every section is checked first; nothing is stored on a problem)',
        body: z.object({
          scopeCode: divisionCode,
          validFrom: isoDate,
          rules: z.record(z.string(), z.unknown()),
          note: z.string().trim().max(500).optional(),
        }),
        response: { 201: z.object({ scopeCode: z.string(), version: z.number(), validFrom: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await publishRuleSet(db, request.actor, request.body)),
  );
}
