// Kept only for my-work, which still imports it: the words are the contract's. Delete once my-work reads @contract.
export { type CaseStatus, type ClockState, caseStatuses, clockStates } from '@contract/cases/vocabulary.js';
