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
] as const;
export type ActionType = (typeof actionTypes)[number];

/** Actions a person chooses (the others are recorded by the system as consequences). */
export const userActionTypes = actionTypes.filter((type) => type !== 'open' && type !== 'report_joined') as Exclude<
  ActionType,
  'open' | 'report_joined'
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

/** For each action: the statuses that allow it, and the status it leads to ('same' keeps it). */
export const actionTable: Record<
  ActionType,
  { from: readonly CaseStatus[]; to: CaseStatus | 'same' | 'before_closure'; permission: 'cases.act' | 'cases.approve' }
> = {
  open: { from: [], to: 'reported', permission: 'cases.act' },
  report_joined: { from: open, to: 'same', permission: 'cases.act' },
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
  approve_closure: { from: ['closure_requested'], to: 'closed', permission: 'cases.approve' },
  reject_closure: { from: ['closure_requested'], to: 'before_closure', permission: 'cases.approve' },
  reopen: { from: ['closed'], to: 'assessment', permission: 'cases.act' },
};

export interface CaseState {
  status: CaseStatus;
  /** Where a rejected closure request returns to. */
  beforeClosure: CaseStatus | null;
  closureRequestedBy: string | null;
  seq: number;
}

export const initialState: CaseState = { status: 'reported', beforeClosure: null, closureRequestedBy: null, seq: 0 };

export function isAllowed(status: CaseStatus, type: ActionType): boolean {
  return actionTable[type].from.includes(status);
}

/** One step of the fold; throws on an action the status does not allow (the log never holds one). */
export function applyAction(state: CaseState, action: { type: ActionType; actorUserId?: string | null }): CaseState {
  const entry = actionTable[action.type];
  const seq = state.seq + 1;
  if (action.type === 'open') {
    if (state.seq !== 0) throw new Error('a case is opened once');
    return { ...initialState, seq };
  }
  if (!entry.from.includes(state.status)) throw new Error(`${action.type} not allowed in ${state.status}`);
  if (entry.to === 'same') return { ...state, seq };
  if (entry.to === 'before_closure')
    return { status: state.beforeClosure ?? 'monitoring', beforeClosure: null, closureRequestedBy: null, seq };
  if (entry.to === 'closure_requested')
    return {
      status: 'closure_requested',
      beforeClosure: state.status,
      closureRequestedBy: action.actorUserId ?? null,
      seq,
    };
  return { status: entry.to, beforeClosure: null, closureRequestedBy: null, seq };
}

export function foldActions(actions: readonly { type: ActionType; actorUserId?: string | null }[]): CaseState {
  return actions.reduce(applyAction, { ...initialState, seq: 0 });
}

/** What the caller may do next: allowed in the status and covered by the caller's permissions. */
export function allowedActions(
  state: CaseState,
  can: (permission: string) => boolean,
  userId: string | null,
): UserActionType[] {
  return userActionTypes.filter((type) => {
    const entry = actionTable[type];
    if (!entry.from.includes(state.status) || !can(entry.permission)) return false;
    // Four eyes: whoever asked to close does not approve their own request.
    if (type === 'approve_closure' && state.closureRequestedBy !== null && state.closureRequestedBy === userId)
      return false;
    return true;
  });
}
