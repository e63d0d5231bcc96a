import { useQuery } from '@tanstack/react-query';
import { requestJson } from '../../app/api/client';
import { caseStatuses, type CaseStatus, clockStates, type ClockState } from '../cases/api/codes';
import { bool, list, num, numbers, obj, oneOf, str, type Obj } from '../cases/api/read';

export interface WorkReport {
  id: string;
  refNo: string;
  situations: number[];
  immediateDanger: boolean;
  divisionCode: string;
  reportedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  caseId: string | null;
}

export interface WorkStep {
  id: string;
  rule: string;
  caseId: string | null;
  caseNo: string | null;
  childName: string | null;
  caseStatus: CaseStatus | null;
  ownerName: string | null;
  dueAt: string | null;
  state: ClockState | null;
  overdue: boolean;
}

export interface WorkAlert {
  id: string;
  level: number;
  target: string | null;
  rule: string | null;
  caseId: string | null;
  caseNo: string | null;
  childName: string | null;
  reportRefNo: string | null;
  ownerName: string | null;
  clockState: ClockState | null;
  dueAt: string | null;
  raisedAt: string | null;
}

export interface MyWork {
  reports: WorkReport[];
  steps: WorkStep[];
  alerts: WorkAlert[];
}

const caseOf = (value: Obj) => obj(value.case);

function parseReport(value: Obj): WorkReport | null {
  const id = str(value.id) ?? str(value.reportId);
  if (!id) return null;
  return {
    id,
    refNo: str(value.refNo) ?? '—',
    situations: numbers(value.situations),
    immediateDanger: bool(value.immediateDanger),
    divisionCode: str(value.divisionCode) ?? '',
    reportedAt: str(value.reportedAt),
    dueAt: str(value.dueAt),
    overdue: bool(value.overdue),
    caseId: str(value.caseId),
  };
}

function parseStep(value: Obj): WorkStep | null {
  const id = str(value.id) ?? str(value.clockId);
  const rule = str(value.rule);
  if (!id || !rule) return null;
  return {
    id,
    rule,
    caseId: str(value.caseId) ?? str(caseOf(value).id),
    caseNo: str(value.caseNo) ?? str(caseOf(value).caseNo),
    childName: str(value.childName) ?? str(obj(value.child).name),
    caseStatus: oneOf(value.caseStatus ?? caseOf(value).status, caseStatuses),
    ownerName: str(value.ownerOrganisationName) ?? str(value.ownerName),
    dueAt: str(value.dueAt),
    state: oneOf(value.state, clockStates),
    overdue: bool(value.overdue),
  };
}

function parseAlert(value: Obj): WorkAlert | null {
  const raw = value.alertId ?? value.id;
  const id = str(raw) ?? (num(raw) !== null ? String(num(raw)) : null);
  if (!id) return null;
  return {
    id,
    level: num(value.level) ?? 0,
    target: str(value.target),
    rule: str(value.rule),
    caseId: str(value.caseId) ?? str(caseOf(value).id),
    caseNo: str(value.caseNo) ?? str(caseOf(value).caseNo),
    childName: str(value.childName) ?? str(obj(value.child).name),
    reportRefNo: str(value.reportRefNo) ?? str(value.refNo),
    ownerName: str(value.ownerOrganisationName) ?? str(value.ownerName),
    clockState: oneOf(value.clockState, clockStates),
    dueAt: str(value.dueAt),
    raisedAt: str(value.raisedAt),
  };
}

export function useMyWork() {
  return useQuery({
    queryKey: ['my-work'],
    refetchInterval: 60_000,
    queryFn: async ({ signal }): Promise<MyWork> => {
      const body = obj(await requestJson('/api/my-work', { signal }));
      return {
        reports: list(body.reportsToAcknowledge ?? body.reports, parseReport),
        steps: list(body.caseSteps ?? body.steps, parseStep),
        alerts: list(body.alerts ?? body.escalations, parseAlert),
      };
    },
  });
}
