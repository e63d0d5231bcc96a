import {
  type ServiceActionType,
  type ServiceStatus,
  serviceStatuses,
  type TransferActionType,
  type TransferStatus,
  transferStatuses,
} from '../../contract/case-network/vocabulary.js';
import { defineStatusTable } from '../../core/workflow/rules.js';

/**
 * Invariant 3: a planned service's status is a fold over its log. planned → referred (a referral
 * delivers it) → delivered | not delivered; the lead delivers its own services without a referral.
 * Pure.
 */
export const serviceStatusTable = defineStatusTable<ServiceStatus, ServiceActionType>({
  statuses: serviceStatuses,
  initial: 'planned',
  actions: {
    plan: { from: 'start', to: 'planned', permission: 'cases.act', system: true },
    refer: { from: ['planned'], to: 'referred', permission: 'cases.act' },
    deliver: { from: ['planned', 'referred'], to: 'delivered', permission: 'cases.act' },
    not_deliver: { from: ['planned', 'referred'], to: 'not_delivered', permission: 'cases.act' },
  },
});

/** A lead transfer: the receiver accepts or rejects it, the sender may withdraw it while it waits. Pure. */
export const transferStatusTable = defineStatusTable<TransferStatus, TransferActionType>({
  statuses: transferStatuses,
  initial: 'requested',
  actions: {
    request: { from: 'start', to: 'requested', permission: 'cases.act', system: true },
    accept: { from: ['requested'], to: 'accepted', permission: 'cases.act' },
    reject: { from: ['requested'], to: 'rejected', permission: 'cases.act' },
    withdraw: { from: ['requested'], to: 'withdrawn', permission: 'cases.act' },
  },
});

/** Who answers each transfer action: the receiving organisation accepts or rejects, the sender withdraws. */
export const transferSideOf = { accept: 'receiver', reject: 'receiver', withdraw: 'sender' } as const;
