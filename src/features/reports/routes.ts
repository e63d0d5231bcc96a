import { z } from 'zod';
import { anonymousActor } from '../../platform/access/actor.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { findDivisionsByText } from '../divisions/service.js';
import { publicReportSchema, submitReportSchema } from '../../contract/reports/submit.js';
import {
  acknowledgementSchema,
  complianceListSchema,
  complianceQuerySchema,
  myReportListSchema,
  publicDivisionListSchema,
  publicDivisionQuerySchema,
  publicReceiptSchema,
  publicStatusParamsSchema,
  publicStatusQuerySchema,
  publicStatusSchema,
  reportListQuerySchema,
  reportListSchema,
  reportViewSchema,
  submittedReportSchema,
} from '../../contract/reports/views.js';
import { reportReadPermissions } from './access.js';
import { routingWarnings } from './routing.js';
import { acknowledgeReport, submitPublicReport, submitReport } from './service.js';
import {
  getAttachment,
  getReport,
  listReports,
  myReportOutcomes,
  publicReportStatus,
  reportingCompliance,
} from './views.js';

const tags = ['reports'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });
// Attachments travel base64-encoded inside the JSON body.
const reportBodyLimit = 40 * 1024 * 1024;

export function registerReportRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.post(
    '/api/reports',
    {
      config: { access: { permission: 'reports.submit' } },
      bodyLimit: reportBodyLimit,
      schema: {
        tags,
        summary:
          'Record a report: hotline call, mandated reporter, or staff entry. Routed to police, civil affairs, township and village by the rule set (send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: submitReportSchema,
        response: { 201: submittedReportSchema },
      },
    },
    async (request, reply) => {
      const { report, replayed } = await submitReport(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({
        id: report.id,
        refNo: report.refNo,
        caseId: report.caseId,
        routing: { ...report.routing, warnings: routingWarnings(request.actor.locale, report.routing) },
      });
    },
  );

  app.post(
    '/api/public/reports',
    {
      config: { access: 'public', skipCsrf: true, rateLimit: { max: 10, timeWindow: '1 hour' } },
      bodyLimit: reportBodyLimit,
      schema: {
        tags,
        summary:
          'Public report page (no sign-in, anonymous allowed): returns only a reference number and a follow-up code',
        headers: idempotencyHeader,
        body: publicReportSchema,
        response: { 201: publicReceiptSchema },
      },
    },
    async (request, reply) => {
      // Always anonymous, even with a session cookie: the public channel records no identity.
      const actor = anonymousActor(request.locale, request.ip, request.id);
      const { refNo, followUpCode, replayed } = await submitPublicReport(
        db,
        actor,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ refNo, followUpCode });
    },
  );

  app.get(
    '/api/public/divisions',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'For the public report page: find a town or village by name or pinyin (division names only, public data)',
        querystring: publicDivisionQuerySchema,
        response: { 200: publicDivisionListSchema },
      },
    },
    async (request) => {
      const found = await findDivisionsByText(db, anonymousActor(request.locale, request.ip, request.id), {
        q: request.query.q,
        limit: request.query.limit,
      });
      return {
        items: found.items.map((hit) => ({ code: hit.code, name: hit.name, level: hit.level, path: hit.pathText })),
      };
    },
  );

  app.get(
    '/api/public/reports/:refNo',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary:
          'Follow up a public report with its reference number and code: received, acknowledged, in progress or closed — nothing about the child',
        params: publicStatusParamsSchema,
        querystring: publicStatusQuerySchema,
        response: { 200: publicStatusSchema },
      },
    },
    async (request) => publicReportStatus(db, request.params.refNo, request.query.code, request.locale),
  );

  app.get(
    '/api/reports',
    {
      config: { access: { anyPermission: reportReadPermissions } },
      schema: {
        tags,
        summary:
          'Reports my organisation received (view=inbox, needs reports.receive; unacknowledged and overdue first), reports I made (view=mine), or every report I may open (view=all: received, of cases my organisation works, mine)',
        querystring: reportListQuerySchema,
        response: { 200: reportListSchema },
      },
    },
    async (request) => listReports(db, request.actor, request.query),
  );

  app.get(
    '/api/reports/outcomes',
    {
      config: { access: { permission: 'reports.submit' } },
      schema: {
        tags,
        summary: 'The reports I made and what became of them (the law requires telling the reporter the result)',
        response: { 200: myReportListSchema },
      },
    },
    async (request) => ({ items: await myReportOutcomes(db, request.actor) }),
  );

  app.get(
    '/api/reports/compliance',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary:
          'Mandated-reporter compliance: delay between knowing and reporting, per reporting organisation, in my area',
        querystring: complianceQuerySchema,
        response: { 200: complianceListSchema },
      },
    },
    async (request) => reportingCompliance(db, request.actor, request.query),
  );

  app.get(
    '/api/reports/:id',
    {
      config: { access: { anyPermission: reportReadPermissions } },
      schema: {
        tags,
        summary:
          "One report (audited): for its receivers (reports.receive), the organisations working its case (cases.read) and its author; the reporter's identity only for police and civil-affairs receivers and the author",
        params: idParams,
        response: { 200: reportViewSchema },
      },
    },
    async (request) => getReport(db, request.actor, request.params.id),
  );

  app.get(
    '/api/reports/:id/attachments/:fileId',
    {
      config: { access: { anyPermission: reportReadPermissions } },
      schema: {
        tags,
        summary: 'An attachment of a report I may open (audited)',
        params: z.object({ id: z.uuid(), fileId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const file = await getAttachment(db, request.actor, request.params.id, request.params.fileId);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  app.post(
    '/api/reports/:id/acknowledge',
    {
      config: { access: { permission: 'reports.receive' } },
      schema: {
        tags,
        summary: 'My organisation acknowledges the report; its clock stops (met, or missed when late)',
        params: idParams,
        response: { 200: acknowledgementSchema },
      },
    },
    async (request) => acknowledgeReport(db, request.actor, request.params.id),
  );
}
