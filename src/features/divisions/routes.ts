import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import {
  childrenResponseSchema,
  codeParamsSchema,
  divisionDetailSchema,
  searchQuerySchema,
  searchResponseSchema,
  successorBodySchema,
} from '../../contract/divisions/divisions.js';
import { findDivisionsByText, getDivision, listDivisionChildren, recordDivisionSuccessor } from './service.js';

const tags = ['divisions'];

export function registerDivisionRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/divisions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The provinces: the first level of the division picker',
        response: { 200: childrenResponseSchema },
      },
    },
    async (request) => listDivisionChildren(db, request.actor, null),
  );

  app.get(
    '/api/divisions/search',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Find divisions by Chinese name, pinyin, pinyin initials or code prefix, each with its full path',
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema },
      },
    },
    async (request) => findDivisionsByText(db, request.actor, request.query),
  );

  app.get(
    '/api/divisions/:code',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'One division (current or closed) with its path from the province and its earlier names',
        params: codeParamsSchema,
        response: { 200: divisionDetailSchema },
      },
    },
    async (request) => getDivision(db, request.actor, request.params.code),
  );

  app.get(
    '/api/divisions/:code/children',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The current divisions one level below, in code order, for a lazy cascader',
        params: codeParamsSchema,
        response: { 200: childrenResponseSchema },
      },
    },
    async (request) => listDivisionChildren(db, request.actor, request.params.code),
  );

  app.put(
    '/api/divisions/:code/successor',
    {
      config: { access: { permission: 'divisions.manage' }, refusals: [422] },
      schema: {
        tags,
        summary: 'Name the current division that took over a closed one (a merger the data cannot show)',
        params: codeParamsSchema,
        body: successorBodySchema,
        response: { 200: divisionDetailSchema },
      },
    },
    async (request) => recordDivisionSuccessor(db, request.actor, request.params.code, request.body.successorCode),
  );
}
