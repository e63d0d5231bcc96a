import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, queryString, requestJson } from '../../../app/api/client';
import { caseStatuses, type CaseStatus, clockStates, type ClockState, riskGrades, type RiskGrade } from './codes';
import { bool, list, num, obj, oneOf, str, strings, type Obj } from './read';

export interface CaseAction {
  seq: number;
  type: string;
  statusAfter: CaseStatus | null;
  actorLabel: string;
  occurredAt: string | null;
  payload: Obj;
  late: boolean;
}

export interface CaseClock {
  id: string;
  rule: string;
  ownerName: string;
  startedAt: string | null;
  dueAt: string | null;
  provisional: boolean;
  state: ClockState | null;
  stoppedAt: string | null;
  escalationLevel: number;
  overdue: boolean;
}

export interface CaseDetail {
  id: string;
  caseNo: string;
  child: { id: string; name: string; riskGrade: RiskGrade | null };
  divisionCode: string;
  status: CaseStatus | null;
  seq: number;
  lead: { id: string; name: string } | null;
  manager: { id: string; name: string } | null;
  organisations: { id: string; name: string; role: string }[];
  openedAt: string | null;
  reports: { id: string; refNo: string; channel: string; reportedAt: string | null }[];
  actions: CaseAction[];
  clocks: CaseClock[];
  allowedActions: string[];
}

const named = (value: unknown): { id: string; name: string } | null => {
  const o = obj(value);
  const id = str(o.id);
  const name = str(o.name) ?? str(o.displayName);
  return id && name ? { id, name } : null;
};

function parseAction(value: Obj): CaseAction | null {
  const seq = num(value.seq);
  const type = str(value.type);
  if (seq === null || !type) return null;
  return {
    seq,
    type,
    statusAfter: oneOf(value.statusAfter, caseStatuses),
    actorLabel: str(value.actorLabel) ?? '—',
    occurredAt: str(value.occurredAt),
    payload: obj(value.payload),
    late: bool(value.late),
  };
}

export function parseClock(value: Obj): CaseClock | null {
  const id = str(value.id);
  const rule = str(value.rule);
  if (!id || !rule) return null;
  return {
    id,
    rule,
    ownerName: str(value.ownerOrganisationName) ?? str(obj(value.owner).name) ?? '—',
    startedAt: str(value.startedAt),
    dueAt: str(value.dueAt),
    provisional: bool(value.provisional),
    state: oneOf(value.state, clockStates),
    stoppedAt: str(value.stoppedAt),
    escalationLevel: num(value.escalationLevel) ?? 0,
    overdue: bool(value.overdue),
  };
}

export function parseCase(value: unknown): CaseDetail | null {
  const body = obj(value);
  const id = str(body.id);
  if (!id) return null;
  const child = obj(body.child);
  return {
    id,
    caseNo: str(body.caseNo) ?? '—',
    child: { id: str(child.id) ?? '', name: str(child.name) ?? '—', riskGrade: oneOf(child.riskGrade, riskGrades) },
    divisionCode: str(body.divisionCode) ?? '',
    status: oneOf(body.status, caseStatuses),
    seq: num(body.seq) ?? 0,
    lead: named(body.lead),
    manager: named(body.manager),
    organisations: list(body.organisations, (o) => {
      const n = named(o);
      return n ? { ...n, role: str(o.role) ?? '' } : null;
    }),
    openedAt: str(body.openedAt),
    reports: list(body.reports, (r) => {
      const rid = str(r.id);
      return rid
        ? { id: rid, refNo: str(r.refNo) ?? '—', channel: str(r.channel) ?? '', reportedAt: str(r.reportedAt) }
        : null;
    }),
    actions: list(body.actions, parseAction).sort((a, b) => a.seq - b.seq),
    clocks: list(body.clocks, parseClock),
    allowedActions: strings(body.allowedActions),
  };
}

export const caseKeys = {
  detail: (id: string) => ['cases', 'detail', id] as const,
  list: (filters: object) => ['cases', 'list', filters] as const,
};

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? ''),
    enabled: id !== undefined,
    queryFn: async ({ signal }) => {
      const found = parseCase(await requestJson(`/api/cases/${encodeURIComponent(id ?? '')}`, { signal }));
      if (!found) throw new Error('unreadable case');
      return found;
    },
  });
}

/** Every action carries the seq it was decided on: a second officer acting on an old view gets a 409. */
export async function postAction(
  caseId: string,
  action: Obj & { type: string; expectedSeq: number },
  idempotencyKey: string,
): Promise<CaseDetail | null> {
  return parseCase(
    await requestJson(`/api/cases/${encodeURIComponent(caseId)}/actions`, {
      method: 'POST',
      body: action,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  );
}

/** What a 409 says: the status now and what may be done in it. */
export function conflictOf(
  error: unknown,
): { status: string | null; allowed: string[]; current: CaseDetail | null } | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  // The server sends the case as it is now: { error: { code, message, details: { current } } }.
  const current = obj(obj(obj(obj(error.body).error).details).current);
  return { status: str(current.status), allowed: strings(current.allowedActions), current: parseCase(current) };
}

export interface CaseRow {
  id: string;
  caseNo: string;
  childId: string;
  childName: string;
  status: CaseStatus | null;
  riskGrade: RiskGrade | null;
  leadName: string;
  openedAt: string | null;
  lastActionAt: string | null;
  overdueClocks: number;
}

function parseRow(value: Obj): CaseRow | null {
  const id = str(value.id);
  if (!id) return null;
  return {
    id,
    caseNo: str(value.caseNo) ?? '—',
    childId: str(value.childId) ?? '',
    childName: str(value.childName) ?? '—',
    status: oneOf(value.status, caseStatuses),
    riskGrade: oneOf(value.riskGrade, riskGrades),
    leadName: str(value.leadName) ?? '—',
    openedAt: str(value.openedAt),
    lastActionAt: str(value.lastActionAt),
    overdueClocks: num(value.overdueClocks) ?? 0,
  };
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
    queryFn: async ({ signal }) => {
      const { overdue, ...rest } = filters;
      // The server filters and counts every page (q, status, risk grade, overdue): nothing is narrowed here.
      const body = obj(
        await requestJson(
          `/api/cases${queryString({ ...rest, overdue: overdue === 'true' ? true : undefined, pageSize: casePageSize })}`,
          { signal },
        ),
      );
      const items = list(body.items, parseRow);
      return { items, total: num(body.total) ?? items.length };
    },
    placeholderData: keepPreviousData,
  });
}
