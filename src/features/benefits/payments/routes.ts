import { z } from 'zod';
import {
  liftSuspensionInputSchema,
  paymentRunInputSchema,
  paymentRunListQuerySchema,
  paymentRunListSchema,
  paymentRunQuerySchema,
  paymentRunViewSchema,
  renewalActionInputSchema,
  renewalListQuerySchema,
  renewalListSchema,
  renewalViewSchema,
  suspendInputSchema,
  suspensionViewSchema,
} from '../../../contract/benefits/payments.js';
import type { HavenApp, HttpDeps } from '../../../platform/http/deps.js';
import { actOnRenewal } from '../renewals.js';
import { listRenewals, readRenewal } from '../renewals-view.js';
import { paymentLedger } from './ledger.js';
import { runPayments } from './run.js';
import { liftSuspension, suspendPayments } from './suspensions.js';
import { listPaymentRuns, readPaymentRun } from './view.js';

const tags = ['benefits'];
const idParams = z.object({ id: z.uuid() });
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerPaymentRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.post(
    '/api/benefits/payment-runs',
    {
      config: { access: { permission: 'benefits.pay' } },
      schema: {
        tags,
        summary:
          "Run a county's monthly payments: who is paid how much for which month, with the standard that applied, arrears and the changes from last month. The same month again → the same run (200), nothing paid twice; a standard missing → 409 naming benefit, place and year; a county outside my jurisdiction → 404",
        body: paymentRunInputSchema,
        response: { 200: paymentRunViewSchema, 201: paymentRunViewSchema },
      },
    },
    async (request, reply) => {
      const { runId, created } = await runPayments(db, request.actor, request.body);
      const view = await readPaymentRun(db, request.actor, runId, { page: 1, pageSize: 50 });
      return reply.status(created ? 201 : 200).send({ ...view, created });
    },
  );

  app.get(
    '/api/benefits/payment-runs',
    {
      config: { access: { permission: 'benefits.read' } },
      schema: {
        tags,
        summary: 'Payment runs of the counties in my jurisdiction, newest month first',
        querystring: paymentRunListQuerySchema,
        response: { 200: paymentRunListSchema },
      },
    },
    async (request) => listPaymentRuns(db, request.actor, request.query),
  );

  app.get(
    '/api/benefits/payment-runs/:id',
    {
      config: { access: { permission: 'benefits.read' } },
      schema: {
        tags,
        summary:
          'One payment run: totals, a page of its lines (amounts in fen) and the changes from last month explained',
        params: idParams,
        querystring: paymentRunQuerySchema,
        response: { 200: paymentRunViewSchema },
      },
    },
    async (request) => readPaymentRun(db, request.actor, request.params.id, request.query),
  );

  app.get(
    '/api/benefits/payment-runs/:id/ledger.xlsx',
    {
      config: { access: { permission: 'benefits.pay' } },
      schema: {
        tags,
        summary:
          "The finance office's payment ledger (.xlsx, Chinese headers, national category and benefit codes, yuan with exact fen, changes explained); audited",
        params: idParams,
      },
    },
    async (request, reply) => {
      const result = await paymentLedger(db, request.actor, request.params.id);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="${result.fileName}"`)
        .header('cache-control', 'no-store')
        .send(result.file);
    },
  );

  app.post(
    '/api/benefits/applications/:id/suspensions',
    {
      config: { access: { permission: 'benefits.decide' } },
      schema: {
        tags,
        summary:
          "Suspend an approved benefit's payments from a month (with the reason); one open suspension per benefit",
        params: idParams,
        body: suspendInputSchema,
        response: { 201: suspensionViewSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await suspendPayments(db, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/api/benefits/suspensions/:id/lift',
    {
      config: { access: { permission: 'benefits.decide' } },
      schema: {
        tags,
        summary: 'Resume payments from a month; the withheld months are paid in arrears by the next run, or forfeited',
        params: idParams,
        body: liftSuspensionInputSchema,
        response: { 200: suspensionViewSchema },
      },
    },
    async (request) => liftSuspension(db, request.actor, request.params.id, request.body),
  );
}

export function registerRenewalRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/benefits/renewals',
    {
      config: { access: { permission: 'benefits.read' } },
      schema: {
        tags,
        summary:
          'Renewals of orphans over 18 still in school (about to age out → awaiting renewal → renewed → ended) in my scope, nearest deadline first',
        querystring: renewalListQuerySchema,
        response: { 200: renewalListSchema },
      },
    },
    async (request) => listRenewals(db, request.actor, request.query),
  );

  app.get(
    '/api/benefits/renewals/:id',
    {
      config: { access: { permission: 'benefits.read' } },
      schema: {
        tags,
        summary: 'One renewal with its steps and its clock',
        params: idParams,
        response: { 200: renewalViewSchema },
      },
    },
    async (request) => readRenewal(db, request.actor, request.params.id),
  );

  app.post(
    '/api/benefits/renewals/:id/actions',
    {
      config: { access: { permission: 'benefits.decide' } },
      schema: {
        tags,
        summary:
          'Renew to a stated end date (school and date; up to the maximum age) or end the renewal (send expectedSeq)',
        params: idParams,
        body: renewalActionInputSchema,
        response: { 200: renewalViewSchema },
      },
    },
    async (request) => {
      await actOnRenewal(db, request.actor, request.params.id, request.body);
      return readRenewal(db, request.actor, request.params.id);
    },
  );
}
