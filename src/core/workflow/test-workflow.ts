import { defineStatusTable } from './rules.js';

/*
 * A small workflow that proves the engine without cases: a request is drafted, submitted, then
 * approved by a second person or sent back to where it was. Used by the tests beside it.
 */
export const requestStatuses = ['draft', 'submitted', 'approved', 'withdrawn'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export type RequestAction = 'create' | 'note' | 'submit' | 'approve' | 'send_back' | 'withdraw' | 'linked';

export const requestTable = defineStatusTable<RequestStatus, RequestAction>({
  statuses: requestStatuses,
  initial: 'draft',
  actions: {
    create: { from: 'start', to: 'draft', permission: 'requests.write', system: true },
    note: { from: ['draft', 'submitted'], to: 'same', permission: 'requests.write' },
    submit: { from: ['draft'], to: 'submitted', permission: 'requests.write' },
    approve: {
      from: ['submitted'],
      to: 'approved',
      permission: 'requests.approve',
      fourEyes: { of: 'submit', refusal: 'requests.own_request' },
    },
    send_back: { from: ['submitted'], to: { back: 'draft' }, permission: 'requests.approve' },
    withdraw: { from: ['draft', 'submitted'], to: 'withdrawn', permission: 'requests.write' },
    linked: { from: ['draft', 'submitted', 'approved'], to: 'same', permission: 'requests.write', system: true },
  },
});
