import { z } from 'zod';
import { DomainError } from '../../../platform/errors.js';
import type { HavenApp, HttpDeps } from '../../../platform/http/deps.js';
import { requestCommit } from './commit.js';
import { categoryCodes, riskGrades } from '../tables.js';
import { listSorts, listStatuses } from '../../../contract/registry/search.js';
import { dryRunImport } from './dry-run.js';
import { exportChildren } from './export.js';
import { childFilePdf } from './pdf.js';
import { importErrorWorkbook } from './error-sheet.js';
import { dryRunReportSchema, importBatchSchema, mappingBodySchema } from '../../../contract/registry/ledger.js';
import { spreadsheetLimitsOf } from './spreadsheet-limits.js';
import { getLedgerImport, listLedgerImports, updateImportMapping, uploadLedger } from './service.js';
import './messages.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['registry', 'ledger import'];
const importAccess = { access: { permission: 'children.import' } } as const;
const idParams = z.object({ id: z.uuid() });

function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

export function registerLedgerRoutes(app: HavenApp, { db, config }: HttpDeps): void {
  const limit = config.importLimitBytes;
  const limits = spreadsheetLimitsOf(config);
  // The ledger arrives as the raw file; it is counted as it streams so a too-large file stops early.
  app.addContentTypeParser('application/octet-stream', (request, payload, done) => {
    const file = String(
      request.headers['x-file-name'] ?? (request.query as { fileName?: string } | undefined)?.fileName ?? '',
    );
    const tooLarge = () => new DomainError('ledger.too_large', 413, { file, limitMb: mb(limit) });
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      payload.resume();
      done(tooLarge(), undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    payload.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        done(tooLarge(), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (!failed) done(null, Buffer.concat(chunks));
    });
    payload.on('error', (error) => {
      if (!failed) done(error, undefined);
    });
  });

  app.post(
    '/api/imports',
    {
      // The raw file is no declared body: its size and type limits are declared here.
      config: { ...importAccess, refusals: [413, 415] },
      schema: {
        tags,
        summary:
          'Upload a ledger (.xlsx or .csv; UTF-8 or GBK) as the raw body (Content-Type: application/octet-stream) for my organisation. Returns the batch with the detected sheet, header row and column mapping; the same file again returns the same batch (200 instead of 201).',
        querystring: z.object({
          fileName: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .meta({ description: 'or the X-File-Name header (URL-encoded)' }),
        }),
        response: { 200: importBatchSchema, 201: importBatchSchema },
      },
    },
    async (request, reply) => {
      const header = request.headers['x-file-name'];
      const fileName = request.query.fileName ?? (typeof header === 'string' ? decodeURIComponent(header) : undefined);
      if (!fileName) throw new DomainError('ledger.file_name_required', 400);
      if (!Buffer.isBuffer(request.body))
        throw new DomainError('unsupported_media_type', 415, { type: request.headers['content-type'] ?? '' });
      const { batch, created } = await uploadLedger(
        db,
        request.actor,
        { fileName, content: request.body, organisationId: null },
        limits,
      );
      return reply.status(created ? 201 : 200).send(batch);
    },
  );

  app.get(
    '/api/imports',
    {
      config: importAccess,
      schema: {
        tags,
        summary: "My organisation's latest 50 imports, newest first",
        response: { 200: z.array(importBatchSchema) },
      },
    },
    async (request) => listLedgerImports(db, request.actor),
  );

  app.get(
    '/api/imports/:id',
    {
      config: importAccess,
      schema: {
        tags,
        summary:
          'An import batch: status, sheets, header row, columns with sample values, mapping, counts, commit progress',
        params: idParams,
        response: { 200: importBatchSchema },
      },
    },
    async (request) => getLedgerImport(db, request.actor, request.params.id),
  );

  app.put(
    '/api/imports/:id/mapping',
    {
      config: importAccess,
      schema: {
        tags,
        summary:
          'Correct the sheet, header row and column mapping (field → 1-based column); send the version you edited. Run the dry run again afterwards.',
        params: idParams,
        body: mappingBodySchema,
        response: { 200: importBatchSchema },
      },
    },
    async (request) => updateImportMapping(db, request.actor, request.params.id, request.body, limits),
  );

  app.post(
    '/api/imports/:id/dry-run',
    {
      config: importAccess,
      schema: {
        tags,
        summary:
          'Check every row without importing: counts and every problem with sheet row, column, stable code and message',
        params: idParams,
        response: { 200: dryRunReportSchema },
      },
    },
    async (request) => dryRunImport(db, request.actor, request.params.id, limits, request.locale),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: importAccess,
      schema: {
        tags,
        summary:
          'Import the good rows as one background job (poll GET /api/imports/:id for progress). Send an Idempotency-Key; committing again changes nothing.',
        params: idParams,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        response: { 202: importBatchSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await requestCommit(db, request.actor, request.params.id, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/imports/:id/errors.xlsx',
    {
      config: importAccess,
      schema: {
        tags,
        summary: 'The rows with problems, original columns plus a problem column, as .xlsx',
        params: idParams,
      },
    },
    async (request, reply) => {
      const result = await importErrorWorkbook(db, request.actor, request.params.id, request.locale, limits);
      return reply
        .header('content-type', xlsxType)
        .header(
          'content-disposition',
          `attachment; filename="import-problems.xlsx"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
        )
        .header('cache-control', 'no-store')
        .send(result.file);
    },
  );

  app.get(
    '/api/children/export.xlsx',
    {
      config: { access: { permission: 'children.export' } },
      schema: {
        tags: ['registry'],
        summary: `The registry list with the list's filters as .xlsx (at most 20,000 rows; audited). Identifiers masked unless unmask=true and the caller holds children.unmask; national category codes included.`,
        querystring: z.object({
          q: z.string().trim().min(1).max(40).optional(),
          within: z
            .string()
            .regex(/^\d{12}$/)
            .optional(),
          category: z.enum(categoryCodes).optional(),
          riskGrade: z.enum(riskGrades).optional(),
          status: z.enum(listStatuses).default('active'),
          ageMin: z.coerce.number().int().min(0).max(25).optional(),
          ageMax: z.coerce.number().int().min(0).max(25).optional(),
          sort: z.enum(listSorts).optional(),
          unmask: z.stringbool().default(false),
        }),
      },
    },
    async (request, reply) => {
      const { unmask, ...filter } = request.query;
      const result = await exportChildren(db, request.actor, filter, { unmask, locale: request.locale });
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', 'attachment; filename="haven-children.xlsx"')
        .header('cache-control', 'no-store')
        .header('x-haven-export-rows', String(result.rows))
        .send(result.file);
    },
  );

  app.get(
    '/api/children/:id/file.pdf',
    {
      config: { access: { permission: 'children.read' } },
      schema: {
        tags: ['registry'],
        summary:
          "The child's one-file view as a PDF with Chinese text (audited like opening the file; masked unless unmask=true and allowed)",
        params: idParams,
        querystring: z.object({ unmask: z.stringbool().default(false) }),
      },
    },
    async (request, reply) => {
      const result = await childFilePdf(db, request.actor, request.params.id, {
        unmask: request.query.unmask,
        locale: request.locale,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${result.fileName}"`)
        .header('cache-control', 'no-store')
        .send(result.file);
    },
  );
}
