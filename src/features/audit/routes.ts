import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { auditFilterSchema, auditSearchResultSchema, auditSearchSchema } from '../../contract/audit/audit.js';
import { exportAuditLog, searchAuditLog } from './service.js';
import './messages.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerAuditRoutes(app: HavenApp, deps: HttpDeps): void {
  const { db } = deps;

  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log, newest first, 20 a page (the search is itself audited)',
        querystring: auditSearchSchema,
        response: { 200: auditSearchResultSchema },
      },
    },
    async (request) => searchAuditLog(db, request.actor, request.query),
  );

  app.get(
    '/api/audit/export',
    {
      config: { access: { permission: 'audit.export' } },
      schema: {
        tags: ['audit'],
        summary: 'The matching audit entries as an .xlsx in the caller’s language (the export is itself audited)',
        querystring: auditFilterSchema,
      },
    },
    async (request, reply) => {
      const result = await exportAuditLog(db, request.actor, request.query, request.locale);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="${result.filename}"`)
        .header('cache-control', 'no-store')
        .header('x-haven-export-rows', String(result.rows))
        .header('x-haven-export-truncated', String(result.truncated))
        .send(result.file);
    },
  );
}
