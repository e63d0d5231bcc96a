import { z } from 'zod';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { recordAudit } from '../../platform/audit/append.js';
import {
  monthlyReportRequestResultSchema,
  monthlyReportRequestSchema,
  monthlyReportsResultSchema,
  problemRowsQuerySchema,
  problemRowsResultSchema,
  problemsQuerySchema,
  problemsResultSchema,
} from '../../contract/insight/problems.js';
import { flowsQuerySchema, flowsResultSchema } from '../../contract/insight/flows.js';
import { problemsOf } from './problems-service.js';
import { flowsOf } from './flows-service.js';
import { problemRows } from './problem-rows.js';
import {
  listMonthlyReports,
  monthlyReportFile,
  monthlyReportWorkbook,
  requestMonthlyReport,
} from './monthly-report.js';
import { writeProblemsWorkbook } from './problems-workbook.js';
import './messages.js';

const tags = ['insight'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerProblemRoutes(app: HavenApp, deps: HttpDeps): void {
  const { db } = deps;

  app.get(
    '/api/insight/problems',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary:
          "The five problems of a place: each indicator's twelve-month trend and its value per division one level down, from the monthly snapshots; small cells suppressed for readers without children's files",
        querystring: problemsQuerySchema,
        response: { 200: problemsResultSchema },
      },
    },
    async (request) => problemsOf(db, request.actor, request.query.within),
  );

  app.get(
    '/api/insight/problems/export.xlsx',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary:
          "The five-problems page's numbers as .xlsx (trends and one level down), suppressed as the reader sees them; audited",
        querystring: problemsQuerySchema,
      },
    },
    async (request, reply) => {
      const [figures, flows] = await Promise.all([
        problemsOf(db, request.actor, request.query.within),
        flowsOf(db, request.actor, request.query.within),
      ]);
      const file = await writeProblemsWorkbook(figures, request.actor.locale, flows);
      await recordAudit(db, request.actor, {
        action: 'insight.problems_export',
        entityType: 'division',
        entityId: figures.within.code,
        details: { format: 'xlsx', suppressed: figures.suppressed },
      });
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="insight-${figures.within.code}.xlsx"`)
        .send(file);
    },
  );

  app.get(
    '/api/insight/problems/flows',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary:
          "One month's flow tables of a place: reports by channel and reporting organisation with acknowledgement and emergency response in time, days from report to closure (median, 90th percentile) by month and one level down, finished institution stays by kind; small cells suppressed for readers without children's files",
        querystring: flowsQuerySchema,
        response: { 200: flowsResultSchema },
      },
    },
    async (request) => flowsOf(db, request.actor, request.query.within, { month: request.query.month }),
  );

  app.get(
    '/api/insight/problems/rows',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags,
        summary: 'The children behind an overdue number now (oldest first, through the reader’s scope; audited)',
        querystring: problemRowsQuerySchema,
        response: { 200: problemRowsResultSchema },
      },
    },
    async (request) => problemRows(db, request.actor, request.query),
  );

  app.get(
    '/api/insight/reports',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary: 'The monthly reports for the joint conferences of the places the reader may see',
        response: { 200: monthlyReportsResultSchema },
      },
    },
    async (request) => listMonthlyReports(db, request.actor),
  );

  app.post(
    '/api/insight/reports',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary:
          "Generates (once) the monthly report of a place in the reader's reach for a month of the last twelve; asking again returns the stored one; audited",
        body: monthlyReportRequestSchema,
        response: { 200: monthlyReportRequestResultSchema },
      },
    },
    async (request) => requestMonthlyReport(db, request.actor, request.body),
  );

  app.get(
    '/api/insight/reports/:id/report.xlsx',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary: "One monthly report's numbers as .xlsx (the same as its PDF; the download is audited)",
        params: z.object({ id: z.string() }),
      },
    },
    async (request, reply) => {
      const { file, fileName } = await monthlyReportWorkbook(db, request.actor, request.params.id);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(file);
    },
  );

  app.get(
    '/api/insight/reports/:id/report.pdf',
    {
      config: { access: { permission: 'insight.aggregate' } },
      schema: {
        tags,
        summary: 'One monthly report as a PDF in Chinese (the download is audited)',
        params: z.object({ id: z.string() }),
      },
    },
    async (request, reply) => {
      const { file, fileName } = await monthlyReportFile(db, request.actor, request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(file);
    },
  );
}
