import { z } from 'zod';
import {
  matrixEditSchema,
  matrixQuerySchema,
  matrixReportSchema,
  matrixProvidersSchema,
  matrixViewSchema,
  providersQuerySchema,
} from '../../contract/service-matrix/views.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { matrixProviders } from './providers.js';
import { editMatrix, matrixReport, readMatrix } from './service.js';

const tags = ['service-matrix'];

export function registerServiceMatrixRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/service-matrix',
    {
      config: { access: { permission: 'organisations.read' } },
      schema: {
        tags,
        summary:
          'The responsibility matrix of a place as of a date: each service × organisation kind that leads or takes part, with the division version it comes from',
        querystring: matrixQuerySchema,
        response: { 200: matrixViewSchema },
      },
    },
    async (request) => readMatrix(db, request.actor, request.query),
  );

  app.put(
    '/api/service-matrix/:division',
    {
      config: { access: { permission: 'matrix.manage' } },
      schema: {
        tags,
        summary:
          "A new version of the division's own cells from a date (the city's lead agency; send expectedVersion = the newest version you saw)",
        params: z.object({ division: z.string().regex(/^\d{12}$/, { error: 'matrix.division_format' }) }),
        body: matrixEditSchema,
        response: { 200: matrixViewSchema },
      },
    },
    async (request) => editMatrix(db, request.actor, request.params.division, request.body),
  );

  app.get(
    '/api/service-matrix/report',
    {
      config: { access: { permission: 'organisations.read' } },
      schema: {
        tags,
        summary:
          'Overlaps (two kinds leading one service in a county), gaps (a service nobody there provides) and one-team-two-brands organisations, per county of a city',
        querystring: matrixQuerySchema,
        response: { 200: matrixReportSchema },
      },
    },
    async (request) => matrixReport(db, request.actor, request.query),
  );

  app.get(
    '/api/service-matrix/providers',
    {
      config: { access: { permission: 'organisations.read' } },
      schema: {
        tags,
        summary:
          "Routing by the matrix: the organisations serving a place's county whose kind leads or takes part in a service, the leads and the nearest first, the suggested one marked",
        querystring: providersQuerySchema,
        response: { 200: matrixProvidersSchema },
      },
    },
    async (request) => matrixProviders(db, request.actor, request.query),
  );
}
