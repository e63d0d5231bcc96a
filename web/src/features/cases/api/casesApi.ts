import { caseActionNotAllowedDetailsSchema, caseStaleDetailsSchema } from '@contract/cases/errors.js';
import type { UserActionType } from '@contract/cases/vocabulary.js';
import {
  type CaseActionView,
  type CaseListItem,
  caseListSchema,
  type CaseView,
  caseViewSchema,
  type ClockView,
  openedCaseSchema,
} from '@contract/cases/views.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, isRecord, queryString, requestParsed } from '../../../app/api/client';
import { parseWithContract } from '../../../app/api/contract';

// Every answer is read with the contract's schema (src/contract/cases): a renamed field fails loudly.

export type CaseDetail = CaseView;
export type CaseAction = CaseActionView;
export type CaseClock = ClockView;
export type CaseRow = CaseListItem;

export const caseKeys = {
  detail: (id: string) => ['cases', 'detail', id] as const,
  list: (filters: object) => ['cases', 'list', filters] as const,
};

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? ''),
    enabled: id !== undefined,
    queryFn: ({ signal }) => requestParsed(caseViewSchema, casePath(id ?? ''), { signal }),
  });
}

/** Every action carries the seq it was decided on: a second officer acting on an old view gets a 409. */
export function postAction(
  caseId: string,
  action: Record<string, unknown> & { type: UserActionType; expectedSeq: number },
  idempotencyKey: string,
): Promise<CaseDetail> {
  return requestParsed(caseViewSchema, `${casePath(caseId)}/actions`, {
    method: 'POST',
    body: action,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** Opens a case from reports (or joins the child's open case); `joined` says which. */
export function openCase(
  input: { reportIds: string[]; childId?: string | undefined; participantIds: string[]; reason?: string | undefined },
  idempotencyKey: string,
) {
  return requestParsed(openedCaseSchema, '/api/cases', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** What a 409 says: the status now and what may be done in it, with the case as it is now. */
export function conflictOf(
  error: unknown,
): { status: string | null; allowed: string[]; current: CaseDetail | null } | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const envelope = isRecord(error.body) && isRecord(error.body.error) ? error.body.error : {};
  const path = `409 ${error.code ?? ''}`;
  if (error.code === 'cases.stale') {
    const { current } = parseWithContract(caseStaleDetailsSchema, envelope.details, path);
    return { status: current.status, allowed: current.allowedActions, current };
  }
  if (error.code === 'cases.action_not_allowed') {
    const details = parseWithContract(caseActionNotAllowedDetailsSchema, envelope.details, path);
    const current = details.current ?? null;
    return {
      status: current?.status ?? details.status,
      allowed: current?.allowedActions ?? details.allowedActions,
      current,
    };
  }
  return { status: null, allowed: [], current: null };
}

export interface CaseFilters {
  status?: string | undefined;
  riskGrade?: string | undefined;
  overdue?: string | undefined;
  q?: string | undefined;
  page: number;
}

export const casePageSize = 20;

export function useCases(filters: CaseFilters) {
  return useQuery({
    queryKey: caseKeys.list(filters),
    queryFn: ({ signal }) => {
      const { overdue, ...rest } = filters;
      // The server filters and counts every page (q, status, risk grade, overdue): nothing is narrowed here.
      const query = queryString({ ...rest, overdue: overdue === 'true' ? true : undefined, pageSize: casePageSize });
      return requestParsed(caseListSchema, `/api/cases${query}`, { signal });
    },
    placeholderData: keepPreviousData,
  });
}
