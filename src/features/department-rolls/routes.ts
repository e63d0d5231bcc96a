import { z } from 'zod';
import {
  acceptProposalSchema,
  applyFromProposalAnswerSchema,
  applyFromProposalSchema,
  decisionAnswerSchema,
  factProposalListSchema,
  rejectProposalSchema,
  rollDryRunSchema,
  rollListSchema,
  rollUploadQuerySchema,
  rollViewSchema,
} from '../../contract/department-rolls/rolls.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { DomainError } from '../../platform/errors.js';
import { applyFromProposal } from './apply.js';
import { dryRunErrorSheet, dryRunRoll } from './dry-run.js';
import { acceptProposal, proposalsOfChild, rejectProposal } from './proposals.js';
import { spreadsheetLimitsOf } from './registry-reader.js';
import { uploadRoll } from './upload.js';
import { listRolls, readRoll, rollErrorSheet } from './view.js';

const tags = ['department rolls'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="errors.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

function rawBody(body: unknown, contentType: string | undefined): Buffer {
  if (!Buffer.isBuffer(body)) throw new DomainError('unsupported_media_type', 415, { type: contentType ?? '' });
  return body;
}
const idParams = z.object({ id: z.uuid() });

export function registerRollRoutes(app: HavenApp, { db, config }: HttpDeps): void {
  const limits = spreadsheetLimitsOf(config);

  app.post(
    '/api/department-rolls',
    {
      // The raw file is the body (the ledger import's parser counts its size as it streams).
      config: { access: { permission: 'rolls.upload' }, refusals: [413, 415] },
      schema: {
        tags,
        summary:
          "Upload a department's roll (.xlsx or .csv as the raw body, Content-Type: application/octet-stream). Rows are matched to children in my scope by ID number; each match becomes a proposed fact change on the child's file. The same file again returns the same roll (200).",
        querystring: rollUploadQuerySchema,
        response: { 200: rollViewSchema, 201: rollViewSchema },
      },
    },
    async (request, reply) => {
      const body = rawBody(request.body, request.headers['content-type']);
      const { rollId, created } = await uploadRoll(db, request.actor, request.query, body, limits);
      return reply.status(created ? 201 : 200).send(await readRoll(db, request.actor, rollId));
    },
  );

  app.post(
    '/api/department-rolls/dry-run',
    {
      config: { access: { permission: 'rolls.upload' }, refusals: [413, 415] },
      schema: {
        tags,
        summary:
          'Read and match a roll without storing anything: the column mapping used (given as JSON in `mapping`, else the one this organisation used last for the kind, else recognised), the rows per level (certain, strong, weak, ambiguous, unmatched, invalid) and the first rows that are not certain',
        querystring: rollUploadQuerySchema,
        response: { 200: rollDryRunSchema },
      },
    },
    async (request) =>
      dryRunRoll(db, request.actor, request.query, rawBody(request.body, request.headers['content-type']), limits),
  );

  app.post(
    '/api/department-rolls/dry-run/errors.xlsx',
    {
      config: { access: { permission: 'rolls.upload' }, refusals: [413, 415] },
      schema: {
        tags,
        summary:
          "The error sheet of a roll before it is stored (.xlsx): each invalid row's number, column and reason in my language; the unmatched rows on a second sheet",
        querystring: rollUploadQuerySchema,
      },
    },
    async (request, reply) => {
      const body = rawBody(request.body, request.headers['content-type']);
      const content = await dryRunErrorSheet(db, request.actor, request.query, body, limits);
      const name = `${request.query.fileName.replace(/\.[^.]*$/, '')}-errors.xlsx`;
      return reply.header('content-type', xlsxType).header('content-disposition', attachment(name)).send(content);
    },
  );

  app.get(
    '/api/department-rolls/:id/errors.xlsx',
    {
      config: { access: { permission: 'rolls.upload' } },
      schema: {
        tags,
        summary: "A stored roll's error sheet (.xlsx): invalid rows with column and reason, unmatched rows",
        params: idParams,
      },
    },
    async (request, reply) => {
      const { fileName, content } = await rollErrorSheet(db, request.actor, request.params.id);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', attachment(`${fileName}-errors.xlsx`))
        .send(content);
    },
  );

  app.get(
    '/api/department-rolls',
    {
      config: { access: { permission: 'rolls.upload' } },
      schema: { tags, summary: "My organisation's latest 50 rolls", response: { 200: rollListSchema } },
    },
    async (request) => listRolls(db, request.actor),
  );

  app.get(
    '/api/department-rolls/:id',
    {
      config: { access: { permission: 'rolls.upload' } },
      schema: {
        tags,
        summary: 'A roll of my organisation with every row: matched (children I may see), unmatched and invalid',
        params: idParams,
        response: { 200: rollViewSchema },
      },
    },
    async (request) => readRoll(db, request.actor, request.params.id),
  );

  app.get(
    '/api/children/:id/fact-proposals',
    {
      config: { access: { permission: 'rolls.review' } },
      schema: {
        tags,
        summary: "Fact changes proposed by department rolls on a child's file (child outside my scope → 404)",
        params: idParams,
        response: { 200: factProposalListSchema },
      },
    },
    async (request) => proposalsOfChild(db, request.actor, request.params.id),
  );

  app.post(
    '/api/fact-proposals/:id/accept',
    {
      config: { access: { permission: 'rolls.review' } },
      schema: {
        tags,
        summary:
          'Accept a proposed fact change: written to the file through the registry at the version I saw (stale → 409); categories are re-proposed',
        params: idParams,
        body: acceptProposalSchema,
        response: { 200: decisionAnswerSchema },
      },
    },
    async (request) => acceptProposal(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/fact-proposals/:id/reject',
    {
      config: { access: { permission: 'rolls.review' } },
      schema: {
        tags,
        summary: 'Reject a proposed fact change with a reason (the file is not touched)',
        params: idParams,
        body: rejectProposalSchema,
        response: { 200: decisionAnswerSchema },
      },
    },
    async (request) => rejectProposal(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/fact-proposals/:id/apply',
    {
      config: { access: { permission: 'benefits.apply' } },
      schema: {
        tags,
        summary:
          "Open a benefit application for the child of an accepted proposal (through the benefits feature's own use case: one open application per benefit → 409, child outside my scope → 404)",
        params: idParams,
        body: applyFromProposalSchema,
        response: { 201: applyFromProposalAnswerSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await applyFromProposal(db, request.actor, request.params.id, request.body)),
  );
}
