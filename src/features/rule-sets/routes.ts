import { shanghaiDateOf } from '../../platform/calendar/iso-date.js';
import { z } from 'zod';
import {
  effectiveRulesQuerySchema,
  effectiveRulesSchema,
  publishedRuleSetSchema,
  publishRuleSetSchema,
  ruleSetListQuerySchema,
  ruleSetVersionSchema,
} from '../../contract/rule-sets/rule-sets.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { effectiveRules, listRuleSets, publishRuleSet } from './service.js';

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
        querystring: effectiveRulesQuerySchema,
        response: { 200: effectiveRulesSchema },
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
        querystring: ruleSetListQuerySchema,
        response: { 200: z.array(ruleSetVersionSchema) },
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
        body: publishRuleSetSchema,
        response: { 201: publishedRuleSetSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await publishRuleSet(db, request.actor, request.body)),
  );
}
