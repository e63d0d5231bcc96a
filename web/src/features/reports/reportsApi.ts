import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestJson } from '../../app/api/client';
import {
  type HotlineLine,
  recipientRoles,
  type RecipientRole,
  type ReportChannel,
  reportChannels,
} from '../cases/api/codes';
import { bool, list, nameOf, num, numbers, obj, oneOf, str, strings, type Obj } from '../cases/api/read';

/** Who called the hotline (or wrote on the public page). */
export interface CallerInput {
  anonymous: boolean;
  name?: string | undefined;
  relationship?: string | undefined;
  callbackPhone?: string | undefined;
}

/** What every report carries, whoever sends it. */
interface ReportCommon {
  situations: number[];
  description: string;
  childId?: string | undefined;
  unknownChild?: string | undefined;
  divisionCode: string;
  address?: string | undefined;
  immediateDanger: boolean;
}

/** The reporter of a mandated or staff report is the signed-in person; `knewAt` proves the duty was met. */
export type NewReport =
  | (ReportCommon & { channel: 'hotline'; line: HotlineLine; caller: CallerInput })
  | (ReportCommon & { channel: 'mandated'; knewAt: string })
  | (ReportCommon & { channel: 'staff'; knewAt?: string | undefined });

export interface Recipient {
  organisationId: string | null;
  organisationName: string;
  role: RecipientRole | null;
  acknowledgedAt: string | null;
}

export interface SubmittedReport {
  id: string | null;
  refNo: string;
  recipients: Recipient[];
  caseId: string | null;
  caseNo: string | null;
  /** Public reports: the code that, with the reference number, follows the report up. */
  followUpCode: string | null;
  /** Where the place lacked a receiver: found up the division tree, missing, and who was alerted instead of the police. */
  routing: RoutingNotice;
}

export interface RoutingNotice {
  fallbacks: { role: RecipientRole | null; organisationName: string }[];
  missing: RecipientRole[];
  alerted: string | null;
  /** Set when no police exists anywhere above the place. */
  noPolice: boolean;
}

function parseRouting(value: Obj): RoutingNotice {
  const missing = strings(value.missing).flatMap((role) =>
    [oneOf(role, recipientRoles)].filter((r): r is RecipientRole => r !== null),
  );
  return {
    fallbacks: list(value.fallbacks, (f) => {
      const name = str(f.organisationName);
      return name ? { role: oneOf(f.role, recipientRoles), organisationName: name } : null;
    }),
    missing: missing.filter((role) => role !== 'police'),
    alerted: str(obj(value.alerted).organisationName),
    noPolice: missing.includes('police'),
  };
}

function parseRecipient(value: Obj): Recipient | null {
  const name = nameOf(value, 'organisation') ?? str(value.name);
  if (!name) return null;
  return {
    organisationId: str(value.organisationId) ?? str(obj(value.organisation).id),
    organisationName: name,
    role: oneOf(value.role, recipientRoles),
    acknowledgedAt: str(value.acknowledgedAt),
  };
}

export function parseSubmitted(value: unknown): SubmittedReport {
  const body = obj(value);
  const report = Object.keys(obj(body.report)).length > 0 ? obj(body.report) : body;
  return {
    id: str(report.id),
    refNo: str(report.refNo) ?? str(report.referenceNumber) ?? '—',
    recipients: list(report.recipients ?? body.recipients, parseRecipient),
    caseId: str(report.caseId) ?? str(obj(body.case).id),
    caseNo: str(report.caseNo) ?? str(obj(body.case).caseNo),
    followUpCode: str(body.followUpCode) ?? str(report.followUpCode),
    routing: parseRouting(obj(report.routing ?? body.routing)),
  };
}

/** Sends the report, then reads it back for where it was routed (the answer to the POST names only the number). */
export async function submitReport(input: NewReport, idempotencyKey: string): Promise<SubmittedReport> {
  const sent = parseSubmitted(
    await requestJson('/api/reports', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  );
  if (!sent.id) return sent;
  try {
    const full = parseSubmitted(await requestJson(`/api/reports/${encodeURIComponent(sent.id)}`));
    return { ...sent, recipients: full.recipients, caseId: sent.caseId ?? full.caseId };
  } catch {
    // Sent all the same; the reference number is what the caller needs.
    return sent;
  }
}

export interface PublicReport {
  situations: number[];
  description?: string | undefined;
  divisionCode?: string | undefined;
  address?: string | undefined;
  immediateDanger: boolean;
  childDescription?: string | undefined;
  reporter: CallerInput;
}

export async function submitPublicReport(input: PublicReport, idempotencyKey: string): Promise<SubmittedReport> {
  return parseSubmitted(
    await requestJson('/api/public/reports', {
      method: 'POST',
      body: input,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  );
}

export const reportStages = ['received', 'in_progress', 'closed'] as const;
export type ReportStage = (typeof reportStages)[number];

/** A report as its reporter sees it: who took it, and what came of it (the law says the reporter is told). */
export interface MyReport {
  id: string;
  refNo: string;
  reportedAt: string | null;
  acknowledgedBy: string[];
  stage: ReportStage | null;
  caseStatus: string | null;
  outcome: string | null;
}

function parseMyReport(value: Obj): MyReport | null {
  const id = str(value.id);
  if (!id) return null;
  return {
    id,
    refNo: str(value.refNo) ?? '—',
    reportedAt: str(value.reportedAt),
    acknowledgedBy: strings(value.acknowledgedBy),
    stage: oneOf(value.stage, reportStages),
    caseStatus: str(value.caseStatus),
    outcome: str(value.outcome),
  };
}

export function useMyReports() {
  return useQuery({
    queryKey: ['reports', 'mine'],
    queryFn: async ({ signal }) => {
      const body = await requestJson('/api/reports/outcomes', { signal });
      return list(Array.isArray(body) ? body : obj(body).items, parseMyReport);
    },
  });
}

/** A report in a receiving organisation's inbox. */
export interface InboxReport {
  id: string;
  refNo: string;
  channel: ReportChannel | null;
  situations: number[];
  divisionCode: string;
  divisionName: string | null;
  immediateDanger: boolean;
  reportedAt: string | null;
  myAcknowledgedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  caseId: string | null;
}

export function parseInboxReport(value: Obj): InboxReport | null {
  const id = str(value.id);
  if (!id) return null;
  return {
    id,
    refNo: str(value.refNo) ?? '—',
    channel: oneOf(value.channel, reportChannels),
    situations: numbers(value.situations),
    divisionCode: str(value.divisionCode) ?? '',
    divisionName: str(value.divisionName),
    immediateDanger: bool(value.immediateDanger),
    reportedAt: str(value.reportedAt),
    myAcknowledgedAt: str(value.myAcknowledgedAt),
    dueAt: str(value.dueAt),
    overdue: bool(value.overdue),
    caseId: str(value.caseId),
  };
}

export function useInbox(page: number, enabled = true) {
  return useQuery({
    queryKey: ['reports', 'inbox', page],
    enabled,
    queryFn: async ({ signal }) => {
      const body = obj(
        await requestJson(`/api/reports${queryString({ view: 'inbox', page, pageSize: 20 })}`, { signal }),
      );
      const items = list(body.items, parseInboxReport);
      return { items, total: num(body.total) ?? items.length };
    },
    placeholderData: keepPreviousData,
  });
}

/** Public follow-up with the reference number and the code given at submission. */
export async function fetchPublicStatus(
  refNo: string,
  code: string,
): Promise<{ refNo: string; receivedAt: string | null; acknowledged: boolean; stage: ReportStage | null }> {
  const body = obj(
    await requestJson(`/api/public/reports/${encodeURIComponent(refNo.trim())}${queryString({ code: code.trim() })}`),
  );
  return {
    refNo: str(body.refNo) ?? refNo,
    receivedAt: str(body.receivedAt),
    acknowledged: bool(body.acknowledged),
    stage: oneOf(body.stage, reportStages),
  };
}

export async function acknowledgeReport(reportId: string, idempotencyKey: string): Promise<unknown> {
  return requestJson(`/api/reports/${encodeURIComponent(reportId)}/acknowledge`, {
    method: 'POST',
    body: {},
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export interface ComplianceRow {
  organisationId: string;
  organisationName: string;
  reports: number;
  withKnewAt: number;
  medianDelayMinutes: number | null;
  maxDelayMinutes: number | null;
  over24h: number;
}

function parseCompliance(value: Obj): ComplianceRow | null {
  const name = nameOf(value, 'organisation');
  if (name === null) return null;
  return {
    organisationId: str(value.organisationId) ?? '',
    organisationName: name,
    reports: num(value.reports) ?? num(value.reportCount) ?? 0,
    withKnewAt: num(value.withKnewAt) ?? num(value.reportsWithKnewAt) ?? 0,
    medianDelayMinutes: num(value.medianDelayMinutes),
    maxDelayMinutes: num(value.maxDelayMinutes),
    over24h: num(value.over24h) ?? 0,
  };
}

export function useCompliance(filters: {
  from?: string | undefined;
  to?: string | undefined;
  within?: string | undefined;
}) {
  return useQuery({
    queryKey: ['reports', 'compliance', filters],
    queryFn: async ({ signal }) => {
      const body = obj(await requestJson(`/api/reports/compliance${queryString(filters)}`, { signal }));
      return list(body.items ?? body.organisations, parseCompliance);
    },
    placeholderData: keepPreviousData,
  });
}

/** One report as a receiver sees it (audited); the reporter only for receivers that need it. */
export interface ReportDetail {
  id: string;
  refNo: string;
  channel: ReportChannel | null;
  situations: number[];
  description: string;
  child: { id: string; name: string } | null;
  unknownChild: string | null;
  divisionCode: string;
  address: string | null;
  immediateDanger: boolean;
  reportedAt: string | null;
  knewAt: string | null;
  reporter: {
    anonymous: boolean;
    name: string | null;
    relationship: string | null;
    phone: string | null;
    organisationName: string | null;
  } | null;
  recipients: Recipient[];
  caseId: string | null;
}

export function useReport(id: string | null) {
  return useQuery({
    queryKey: ['reports', 'detail', id],
    enabled: id !== null,
    queryFn: async ({ signal }): Promise<ReportDetail> => {
      const body = obj(await requestJson(`/api/reports/${encodeURIComponent(id ?? '')}`, { signal }));
      const child = obj(body.child);
      const reporter = body.reporter === null || body.reporter === undefined ? null : obj(body.reporter);
      return {
        id: str(body.id) ?? id ?? '',
        refNo: str(body.refNo) ?? '—',
        channel: oneOf(body.channel, reportChannels),
        situations: numbers(body.situations),
        description: str(body.description) ?? '',
        child: str(child.id) && str(child.name) ? { id: str(child.id) ?? '', name: str(child.name) ?? '' } : null,
        unknownChild: str(body.unknownChild),
        divisionCode: str(body.divisionCode) ?? '',
        address: str(body.address),
        immediateDanger: bool(body.immediateDanger),
        reportedAt: str(body.reportedAt),
        knewAt: str(body.knewAt),
        reporter: reporter && {
          anonymous: bool(reporter.anonymous),
          name: str(reporter.name),
          relationship: str(reporter.relationship),
          phone: str(reporter.phone),
          organisationName: str(reporter.organisationName),
        },
        recipients: list(body.recipients, parseRecipient),
        caseId: str(body.caseId),
      };
    },
  });
}

export async function openCaseFromReport(
  input: { reportIds: string[]; childId?: string | undefined; participantIds: string[]; reason?: string | undefined },
  idempotencyKey: string,
): Promise<{ id: string | null; joined: boolean }> {
  const body = obj(
    await requestJson('/api/cases', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  );
  return { id: str(body.id), joined: bool(body.joined) };
}
