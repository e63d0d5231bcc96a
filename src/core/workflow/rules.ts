/**
 * The pure half of a workflow: which actions each status allows, where each leads, and the status
 * as a fold over the action log (invariant 3). No I/O.
 */

/** Where an action leads: a status, `same` (recorded, status kept) or back to the status before. */
export type Destination<S extends string> = S | 'same' | { back: S };

export interface ActionRule<S extends string, A extends string> {
  /** The statuses that allow it; `start` = the first entry of every log, and only then. */
  from: readonly S[] | 'start';
  to: Destination<S>;
  permission: string;
  /** Recorded by the system as a consequence: never offered to a person, never named in a 409. */
  system?: boolean;
  /**
   * A second person: whoever (the accountable human) last took `of` may not take this action.
   * `refusal` is the error code (403) when they try.
   */
  fourEyes?: { of: A; refusal: string };
  /**
   * Taking it again once taken changes nothing: a subject already in its `to` status answers as it
   * stands (no 409, nothing recorded), and the caller need not send the version it saw (an
   * acknowledgement of receipt). Only for an action that leads to a status of its own.
   */
  idempotent?: boolean;
}

export interface StatusTable<S extends string, A extends string> {
  statuses: readonly S[];
  /** The status of a log that holds only its `start` entry. */
  initial: S;
  actions: Record<A, ActionRule<S, A>>;
}

export interface WorkflowState<S extends string, A extends string> {
  status: S;
  /** Number of entries folded: the subject's version. */
  seq: number;
  /** The status before the last change of status (where `{ back }` returns). */
  previous: S | null;
  /** The accountable human of the latest entry of each type (null: the system, or unknown). */
  lastBy: Partial<Record<A, string | null>>;
}

export interface LogEntry<A extends string> {
  type: A;
  /** The accountable human: the user, or the user answerable for an API token. */
  by?: string | null;
}

/** Checks a table once, where it is declared: every status named is one of its statuses. */
export function defineStatusTable<S extends string, A extends string>(table: StatusTable<S, A>): StatusTable<S, A> {
  const known = new Set<string>(table.statuses);
  const check = (status: string, where: string) => {
    if (!known.has(status)) throw new Error(`workflow: unknown status ${status} in ${where}`);
  };
  check(table.initial, 'initial');
  for (const [type, rule] of Object.entries(table.actions) as [A, ActionRule<S, A>][]) {
    if (rule.from !== 'start') for (const status of rule.from) check(status, `${type}.from`);
    if (typeof rule.to === 'object') check(rule.to.back, `${type}.to.back`);
    else if (rule.to !== 'same') check(rule.to, `${type}.to`);
    if (rule.idempotent && (typeof rule.to !== 'string' || rule.to === 'same'))
      throw new Error(`workflow: ${type} is idempotent, so it must lead to a status of its own`);
    if (rule.fourEyes && !(rule.fourEyes.of in table.actions))
      throw new Error(`workflow: ${type}.fourEyes names unknown action ${rule.fourEyes.of}`);
  }
  return table;
}

export function initialState<S extends string, A extends string>(table: StatusTable<S, A>): WorkflowState<S, A> {
  return { status: table.initial, seq: 0, previous: null, lastBy: {} };
}

/** Whether the state allows the action (ignoring who asks). */
export function isAllowed<S extends string, A extends string>(
  table: StatusTable<S, A>,
  state: Pick<WorkflowState<S, A>, 'status' | 'seq'>,
  type: A,
): boolean {
  const rule = table.actions[type];
  return rule.from === 'start' ? state.seq === 0 : rule.from.includes(state.status);
}

/** True when an idempotent action finds its work done: the subject already stands where it leads. */
export function alreadyTaken<S extends string, A extends string>(
  table: StatusTable<S, A>,
  state: Pick<WorkflowState<S, A>, 'status'>,
  type: A,
): boolean {
  const rule = table.actions[type];
  return rule.idempotent === true && state.status === rule.to;
}

/** One step of the fold; throws on an entry the state does not allow (the log never holds one). */
export function applyEntry<S extends string, A extends string>(
  table: StatusTable<S, A>,
  state: WorkflowState<S, A>,
  entry: LogEntry<A>,
): WorkflowState<S, A> {
  return { ...step(table, state, entry), lastBy: { ...state.lastBy, [entry.type]: entry.by ?? null } };
}

/** The status an entry leads to (and the one `{ back }` returns to); throws when the state does not allow it. */
function step<S extends string, A extends string>(
  table: StatusTable<S, A>,
  state: WorkflowState<S, A>,
  entry: LogEntry<A>,
): WorkflowState<S, A> {
  const rule = table.actions[entry.type];
  if (!isAllowed(table, state, entry.type)) {
    if (rule.from === 'start') throw new Error(`${entry.type} starts a log, once`);
    throw new Error(`${entry.type} not allowed in ${state.status}`);
  }
  const seq = state.seq + 1;
  if (rule.to === 'same') return { ...state, seq };
  const status = typeof rule.to === 'object' ? (state.previous ?? rule.to.back) : rule.to;
  return { status, seq, previous: rule.from === 'start' ? null : state.status, lastBy: state.lastBy };
}

export function foldLog<S extends string, A extends string>(
  table: StatusTable<S, A>,
  entries: readonly LogEntry<A>[],
): WorkflowState<S, A> {
  // One `lastBy` written in place: a copy per entry cost as much as the rest of the fold (issue 21).
  const lastBy: Partial<Record<A, string | null>> = {};
  let state: WorkflowState<S, A> = { ...initialState(table), lastBy };
  for (const entry of entries) {
    state = step(table, state, entry);
    lastBy[entry.type] = entry.by ?? null;
  }
  return state;
}

/** True when four eyes keep this person from the action (they took the action it checks). */
export function refusedByFourEyes<S extends string, A extends string>(
  table: StatusTable<S, A>,
  state: WorkflowState<S, A>,
  type: A,
  accountableUserId: string | null,
): boolean {
  const fourEyes = table.actions[type].fourEyes;
  if (!fourEyes) return false;
  const first = state.lastBy[fourEyes.of] ?? null;
  return first !== null && first === accountableUserId;
}

/** Who asks: what they may do, and the person answerable for it. */
export interface Asker {
  can(permission: string): boolean;
  accountableUserId: string | null;
}

/** What the asker may do next: allowed in the state, covered by a permission, not refused by four eyes. */
export function allowedActions<S extends string, A extends string>(
  table: StatusTable<S, A>,
  state: WorkflowState<S, A>,
  asker: Asker,
): A[] {
  return (Object.keys(table.actions) as A[]).filter((type) => {
    const rule = table.actions[type];
    if (rule.system || !isAllowed(table, state, type) || !asker.can(rule.permission)) return false;
    return !refusedByFourEyes(table, state, type, asker.accountableUserId);
  });
}

/** Every action a person could take in the status, whoever they are (what a 409 names). */
export function actionsOfStatus<S extends string, A extends string>(table: StatusTable<S, A>, status: S): A[] {
  return (Object.keys(table.actions) as A[]).filter((type) => {
    const rule = table.actions[type];
    return !rule.system && rule.from !== 'start' && rule.from.includes(status);
  });
}
