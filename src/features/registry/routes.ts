import { z } from 'zod';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { listChildren, readChildFile } from './service.js';

const childSchema = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']).nullable(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  residenceCode: z.string(),
  hukouCode: z.string().nullable(),
  masked: z.boolean(),
  version: z.number(),
});

export function registerRegistryRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/children',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags: ['registry'],
        summary: 'Children in my scope (jurisdiction or participation), identifiers masked',
        querystring: z.object({
          within: z.string().regex(/^\d{12}$/).optional(),
          q: z.string().trim().min(1).max(40).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(childSchema), total: z.number() }) },
      },
    },
    async (request) => listChildren(db, request.actor, request.query),
  );

  app.get(
    '/api/children/:id',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags: ['registry'],
        summary: "Open a child's file (audited); `unmask=true` shows full identifiers to roles allowed to see them",
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ unmask: z.stringbool().default(false) }),
        response: { 200: childSchema },
      },
    },
    async (request) => readChildFile(db, request.actor, request.params.id, { unmask: request.query.unmask }),
  );
}
