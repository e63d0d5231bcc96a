/**
 * Clocks (invariant 4): working-day deadlines as rows, for any subject of a child-centred workflow,
 * with escalation by the division's chain (rule data, invariant 7). Features start, stop, pause,
 * resume and reassign clocks only through this module; the sweep raises the alerts.
 */
export { escalationChains } from './chain.js';
export { type ClosedClock, closeClocks } from './close.js';
export { clocksEscalatedToActor, escalatedToActor } from './escalated-to.js';
export { escalationLevelOf } from './escalation.js';
export {
  type ClockRules,
  clockRules,
  defaultEscalationChain,
  type EscalationLevel,
  type EscalationRecipient,
  placeLevels,
} from './rule-sections.js';
export {
  type ClockDuration,
  type DueTime,
  dueTime,
  levelAsOf,
  nextEscalationAt,
  resumedDueAt,
  stoppedState,
} from './rules.js';
export {
  type ClockSelection,
  metEscalations,
  pauseClock,
  resumeClock,
  type ClockToStart,
  type StartClock,
  startClock,
  startClocks,
  stopClocks,
} from './store.js';
export { type ClockOwner, type ClockReassignment, reassignClocks } from './reassign.js';
export {
  type ClockIdRange,
  clockIdRanges,
  type ProvisionalMoves,
  provisionalMoves,
  type RecomputedClocks,
  recomputeClockRange,
  recomputeProvisionalClocks,
} from './recompute.js';
export { clockEscalationSweep, escalationBatch } from './sweep.js';
export {
  type AlertsTable,
  type ClockEscalationsTable,
  type ClockState,
  type ClockSubjectType,
  type ClocksTable,
  clockStates,
  clockSubjectTypes,
  type EscalationTarget,
  escalationTargets,
} from './tables.js';
