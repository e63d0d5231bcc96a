import { openedCaseSchema } from '@contract/cases/views.js';
import type { CallerInput, PublicReportBody, SubmitReportBody } from '@contract/reports/submit.js';
import {
  acknowledgementSchema,
  complianceListSchema,
  type ComplianceRow,
  myReportListSchema,
  type MyReport,
  publicReceiptSchema,
  publicStatusSchema,
  type RecipientView,
  type ReportListItem,
  reportListSchema,
  reportViewSchema,
  type RoutingNotice as RoutingAnswer,
  submittedReportSchema,
} from '@contract/reports/views.js';
import type { RecipientRole } from '@contract/reports/vocabulary.js';
import { earlierCallListSchema } from '@contract/reports/reading.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../app/api/client';

// Every answer is read with the contract's schema (src/contract/reports): a renamed field fails loudly.

export type { CallerInput, ComplianceRow, MyReport };
export type InboxReport = ReportListItem;
/** The reporter of a mandated or staff report is the signed-in person; `knewAt` proves the duty was met. */
export type NewReport = SubmitReportBody;
export type PublicReport = PublicReportBody;

/** Where the place lacked a receiver, as the result screen words it: police apart, since it gets its own line. */
export interface RoutingNotice {
  fallbacks: { role: RecipientRole; organisationName: string }[];
  missing: RecipientRole[];
  alerted: string | null;
  /** Set when no police exists anywhere above the place. */
  noPolice: boolean;
  /** Services the report implies that nobody leads in the county (matrix gaps), and who received it instead. */
  gaps: { service: RoutingAnswer['gaps'][number]['service']; organisationName: string | null }[];
}

/** The result screen after sending: the number, where it went, and (public page) the follow-up code. */
export interface SubmittedReport {
  /** Null from the public page, which may not read the report back. */
  id: string | null;
  refNo: string;
  recipients: Pick<RecipientView, 'organisationId' | 'organisationName' | 'role' | 'service'>[];
  caseId: string | null;
  followUpCode: string | null;
  routing: RoutingNotice;
}

const noRouting: RoutingNotice = { fallbacks: [], missing: [], alerted: null, noPolice: false, gaps: [] };

function routingNotice(routing: RoutingAnswer): RoutingNotice {
  return {
    fallbacks: routing.fallbacks.map(({ role, organisationName }) => ({ role, organisationName })),
    missing: routing.missing.filter((role) => role !== 'police'),
    alerted: routing.alerted?.organisationName ?? null,
    noPolice: routing.missing.includes('police'),
    gaps: routing.gaps.map(({ service, organisationName }) => ({ service, organisationName })),
  };
}

const reportPath = (id: string) => `/api/reports/${encodeURIComponent(id)}`;

/** Sends the report, then reads it back for where it was routed (the answer to the POST names only the number). */
export async function submitReport(input: NewReport, idempotencyKey: string): Promise<SubmittedReport> {
  const sent = await requestParsed(submittedReportSchema, '/api/reports', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  const receipt: SubmittedReport = {
    id: sent.id,
    refNo: sent.refNo,
    recipients: [],
    caseId: sent.caseId,
    followUpCode: null,
    routing: routingNotice(sent.routing),
  };
  const full = await requestParsed(reportViewSchema, reportPath(sent.id)).catch(() => null);
  // Sent all the same when the read-back fails; the reference number is what the caller needs.
  return full ? { ...receipt, recipients: full.recipients, caseId: sent.caseId ?? full.caseId } : receipt;
}

export async function submitPublicReport(input: PublicReport, idempotencyKey: string): Promise<SubmittedReport> {
  const receipt = await requestParsed(publicReceiptSchema, '/api/public/reports', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return {
    id: null,
    refNo: receipt.refNo,
    recipients: [],
    caseId: null,
    followUpCode: receipt.followUpCode,
    routing: noRouting,
  };
}

export function useMyReports() {
  return useQuery({
    queryKey: ['reports', 'mine'],
    queryFn: async ({ signal }) => (await requestParsed(myReportListSchema, '/api/reports/outcomes', { signal })).items,
  });
}

/** The received-reports filters the server reads (contract: reportListQuerySchema). */
export type InboxFilters = Partial<Record<'q' | 'ack' | 'channel' | 'danger' | 'from' | 'to' | 'sort', string>>;

export function useInbox(page: number, enabled = true, filters: InboxFilters = {}) {
  return useQuery({
    queryKey: ['reports', 'inbox', page, filters],
    enabled,
    queryFn: ({ signal }) =>
      requestParsed(reportListSchema, `/api/reports${queryString({ view: 'inbox', page, pageSize: 20, ...filters })}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Public follow-up with the reference number and the code given at submission. */
export function fetchPublicStatus(refNo: string, code: string) {
  return requestParsed(
    publicStatusSchema,
    `/api/public/reports/${encodeURIComponent(refNo.trim())}${queryString({ code: code.trim() })}`,
  );
}

export function acknowledgeReport(reportId: string, idempotencyKey: string) {
  return requestParsed(acknowledgementSchema, `${reportPath(reportId)}/acknowledge`, {
    method: 'POST',
    body: {},
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useCompliance(filters: {
  from?: string | undefined;
  to?: string | undefined;
  within?: string | undefined;
}) {
  return useQuery({
    queryKey: ['reports', 'compliance', filters],
    queryFn: async ({ signal }) =>
      (await requestParsed(complianceListSchema, `/api/reports/compliance${queryString(filters)}`, { signal })).items,
    placeholderData: keepPreviousData,
  });
}

/** One report as a receiver sees it (audited); the reporter only for receivers that need it. */
export function useReport(id: string | null, refetchInterval?: number) {
  return useQuery({
    queryKey: ['reports', 'detail', id],
    enabled: id !== null,
    ...(refetchInterval ? { refetchInterval } : {}),
    queryFn: ({ signal }) => requestParsed(reportViewSchema, reportPath(id ?? ''), { signal }),
  });
}

export function openCaseFromReport(
  input: {
    reportIds: string[];
    childId?: string | undefined;
    participantIds: string[];
    reason?: string | undefined;
    siblingChildIds?: string[];
  },
  idempotencyKey: string,
) {
  return requestParsed(openedCaseSchema, '/api/cases', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** GET /api/reports/earlier-calls: hotline calls from the same number (reference, time, situations, stage). */
export function useEarlierCalls(phoneDigits: string) {
  return useQuery({
    queryKey: ['reports', 'earlier-calls', phoneDigits],
    enabled: phoneDigits.length >= 7,
    queryFn: async ({ signal }) =>
      (
        await requestParsed(earlierCallListSchema, `/api/reports/earlier-calls${queryString({ phone: phoneDigits })}`, {
          signal,
        })
      ).items,
  });
}
