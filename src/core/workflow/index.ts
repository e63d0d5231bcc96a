export {
  type ActionContext,
  type ActionEffect,
  type ActionRequest,
  defineWorkflow,
  type EffectResult,
  type Subject,
  type SubjectsVisibleTo,
  type Workflow,
} from './definition.js';
export { appendEntry, lockSubject } from './log.js';
export { type ActionOutcome, actionNotAllowed, performAction, recordSystemAction } from './perform.js';
export {
  type ActionRule,
  type Asker,
  actionsOfStatus,
  allowedActions,
  alreadyTaken,
  applyEntry,
  defineStatusTable,
  foldLog,
  initialState,
  isAllowed,
  type LogEntry,
  refusedByFourEyes,
  type StatusTable,
  type WorkflowState,
} from './rules.js';
