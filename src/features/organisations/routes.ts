import { z } from 'zod';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { clearLeadAgency, getLeadAgency, listLeadAgencies, setLeadAgency } from './lead-agencies.js';
import {
  coverageSchema,
  createOrganisationSchema,
  divisionCodeSchema,
  isoDateSchema,
  leadAgencySchema,
  leadListQuerySchema,
  listQuerySchema,
  organisationPageSchema,
  organisationSchema,
  setLeadAgencySchema,
  updateOrganisationSchema,
  versionBodySchema,
} from '../../contract/organisations/organisations.js';
import {
  createOrganisation,
  deactivateOrganisation,
  findOrganisations,
  getOrganisation,
  organisationCoverage,
  reactivateOrganisation,
  updateOrganisation,
} from './service.js';

const read = { access: { permission: 'organisations.read' } } as const;
const manage = { access: { permission: 'organisations.manage' } } as const;
const idParams = z.object({ id: z.uuid() });
const divisionParams = z.object({ divisionCode: divisionCodeSchema });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const tags = ['organisations'];

export function registerOrganisationRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/organisations',
    {
      config: read,
      schema: {
        tags,
        summary: 'The organisation directory: filter by kind, subject, division subtree, name; 10–50 per page',
        querystring: listQuerySchema,
        response: { 200: organisationPageSchema },
      },
    },
    async (request) => findOrganisations(db, request.actor, request.query),
  );

  app.post(
    '/api/organisations',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Register an organisation in my jurisdiction (send an Idempotency-Key so a retry does not register it twice)',
        headers: idempotencyHeader,
        body: createOrganisationSchema,
        response: { 201: organisationSchema },
      },
    },
    async (request, reply) => {
      const { organisation, replayed } = await createOrganisation(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(organisation);
    },
  );

  app.get(
    '/api/organisations/coverage',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Shelters per county (rescue stations, protection centres, welfare homes, beds), counties with none, and "one team, two brands" candidates',
        querystring: z.object({ within: divisionCodeSchema.meta({ description: 'a province, city or county' }) }),
        response: { 200: coverageSchema },
      },
    },
    async (request) => organisationCoverage(db, request.actor, request.query.within),
  );

  app.get(
    '/api/organisations/:id',
    {
      config: read,
      schema: { tags, summary: 'One organisation', params: idParams, response: { 200: organisationSchema } },
    },
    async (request) => getOrganisation(db, request.actor, request.params.id),
  );

  app.patch(
    '/api/organisations/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change an organisation (send the version you edited; a stale one is refused with the current record)',
        params: idParams,
        body: updateOrganisationSchema,
        response: { 200: organisationSchema },
      },
    },
    async (request) => updateOrganisation(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/organisations/:id/deactivate',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Mark an organisation inactive (it stays in the directory)',
        params: idParams,
        body: versionBodySchema,
        response: { 200: organisationSchema },
      },
    },
    async (request) => deactivateOrganisation(db, request.actor, request.params.id, request.body.version),
  );

  app.post(
    '/api/organisations/:id/reactivate',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Mark an inactive organisation active again',
        params: idParams,
        body: versionBodySchema,
        response: { 200: organisationSchema },
      },
    },
    async (request) => reactivateOrganisation(db, request.actor, request.params.id, request.body.version),
  );

  app.get(
    '/api/lead-agencies',
    {
      config: read,
      schema: {
        tags,
        summary: 'Who leads child protection in each city and county of a subtree',
        querystring: leadListQuerySchema,
        response: { 200: z.array(leadAgencySchema) },
      },
    },
    async (request) => listLeadAgencies(db, request.actor, request.query.within),
  );

  app.get(
    '/api/lead-agencies/:divisionCode',
    {
      config: read,
      schema: {
        tags,
        summary: 'Who leads child protection in a city or county, with the history of decisions',
        params: divisionParams,
        response: { 200: leadAgencySchema },
      },
    },
    async (request) => getLeadAgency(db, request.actor, request.params.divisionCode),
  );

  app.put(
    '/api/lead-agencies/:divisionCode',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Name the lead agency of a city or county from a date (civil affairs bureau or women and children’s work committee there)',
        params: divisionParams,
        body: setLeadAgencySchema,
        response: { 200: leadAgencySchema },
      },
    },
    async (request) => setLeadAgency(db, request.actor, request.params.divisionCode, request.body),
  );

  app.delete(
    '/api/lead-agencies/:divisionCode',
    {
      config: manage,
      schema: {
        tags,
        summary: 'End the named lead agency (civil affairs leads again by default); history is kept',
        params: divisionParams,
        querystring: z.object({ validTo: isoDateSchema.optional() }),
        response: { 200: leadAgencySchema },
      },
    },
    async (request) => clearLeadAgency(db, request.actor, request.params.divisionCode, request.query.validTo),
  );
}
