import {
  allowedActions as allowedIn,
  applyEntry,
  defineStatusTable,
  foldLog,
  initialState,
  isAllowed as isAllowedIn,
  type WorkflowState,
} from '../../core/workflow/rules.js';

/**
 * Invariant 3: a case's status is a fold over its action log; this table says which actions each
 * status allows and where each leads. Pure.
 */
export const caseStatuses = [
  'reported',
  'acknowledged',
  'emergency_response',
  'assessment',
  'assistance',
  'guardianship_intervention',
  'monitoring',
  'closure_requested',
  'closed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const actionTypes = [
  'open',
  'report_joined',
  'acknowledge',
  'emergency_response',
  'assessment',
  'assistance_plan',
  'case_conference',
  'guardianship_intervention',
  'add_participant',
  'start_monitoring',
  'request_closure',
  'approve_closure',
  'reject_closure',
  'reopen',
  'lead_transferred',
  'sibling_linked',
] as const;
export type ActionType = (typeof actionTypes)[number];

/** Actions a person chooses (the others are recorded by the system as consequences). */
const systemActionTypes: readonly ActionType[] = ['open', 'report_joined', 'lead_transferred', 'sibling_linked'];
export const userActionTypes = actionTypes.filter((type) => !systemActionTypes.includes(type)) as Exclude<
  ActionType,
  'open' | 'report_joined' | 'lead_transferred' | 'sibling_linked'
>[];
export type UserActionType = (typeof userActionTypes)[number];

const active: CaseStatus[] = [
  'acknowledged',
  'emergency_response',
  'assessment',
  'assistance',
  'guardianship_intervention',
  'monitoring',
];
const open: CaseStatus[] = ['reported', ...active];
const afterAssessment: CaseStatus[] = ['assessment', 'assistance', 'guardianship_intervention', 'monitoring'];

/** For each action: the statuses that allow it, the status it leads to, and who may take it. */
export const caseStatusTable = defineStatusTable<CaseStatus, ActionType>({
  statuses: caseStatuses,
  initial: 'reported',
  actions: {
    open: { from: 'start', to: 'reported', permission: 'cases.act', system: true },
    report_joined: { from: open, to: 'same', permission: 'cases.act', system: true },
    acknowledge: { from: ['reported'], to: 'acknowledged', permission: 'cases.act' },
    emergency_response: { from: open, to: 'emergency_response', permission: 'cases.act' },
    assessment: { from: active, to: 'assessment', permission: 'cases.act' },
    assistance_plan: { from: afterAssessment, to: 'assistance', permission: 'cases.act' },
    case_conference: { from: active, to: 'same', permission: 'cases.act' },
    guardianship_intervention: {
      from: ['emergency_response', ...afterAssessment],
      to: 'guardianship_intervention',
      permission: 'cases.act',
    },
    add_participant: { from: open, to: 'same', permission: 'cases.act' },
    start_monitoring: {
      from: ['assessment', 'assistance', 'guardianship_intervention'],
      to: 'monitoring',
      permission: 'cases.act',
    },
    request_closure: { from: afterAssessment, to: 'closure_requested', permission: 'cases.act' },
    // Four eyes: whoever asked to close (the person, also through their API token) does not approve it.
    approve_closure: {
      from: ['closure_requested'],
      to: 'closed',
      permission: 'cases.approve',
      fourEyes: { of: 'request_closure', refusal: 'cases.own_closure' },
    },
    // A rejected closure returns to where the case was.
    reject_closure: { from: ['closure_requested'], to: { back: 'monitoring' }, permission: 'cases.approve' },
    reopen: { from: ['closed'], to: 'assessment', permission: 'cases.act' },
    // Recorded when a transfer of the lead is accepted (features/case-network): the receiver's act.
    lead_transferred: { from: [...open, 'closure_requested'], to: 'same', permission: 'cases.act', system: true },
    // A sibling's case linked to this open one (issue 17: opened later, or the household linked later).
    sibling_linked: { from: [...open, 'closure_requested'], to: 'same', permission: 'cases.act', system: true },
  },
});

export const actionTable = caseStatusTable.actions;

export type CaseState = WorkflowState<CaseStatus, ActionType>;

export const initialCaseState: CaseState = initialState(caseStatusTable);

export function isAllowed(status: CaseStatus, type: ActionType): boolean {
  return isAllowedIn(caseStatusTable, { status, seq: 1 }, type);
}

/** An entry of the log as the fold reads it; `actorUserId` is the person answerable for it. */
export interface CaseLogEntry {
  type: ActionType;
  actorUserId?: string | null;
}

/** One step of the fold; throws on an action the status does not allow (the log never holds one). */
export function applyAction(state: CaseState, action: CaseLogEntry): CaseState {
  return applyEntry(caseStatusTable, state, { type: action.type, by: action.actorUserId ?? null });
}

export function foldActions(actions: readonly CaseLogEntry[]): CaseState {
  return foldLog(
    caseStatusTable,
    actions.map((action) => ({ type: action.type, by: action.actorUserId ?? null })),
  );
}

/** What the caller may do next: allowed in the status, covered by a permission, not their own closure request. */
export function allowedActions(
  state: CaseState,
  can: (permission: string) => boolean,
  accountableUserId: string | null,
): UserActionType[] {
  return allowedIn(caseStatusTable, state, { can, accountableUserId }) as UserActionType[];
}

/** A case's number: the year it opened and its serial, e.g. `C-2026-000012`. */
export function formatCaseNumber(year: number, serial: number): string {
  return `C-${year}-${String(serial).padStart(6, '0')}`;
}
