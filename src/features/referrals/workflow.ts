import type { Transaction } from 'kysely';
import { referralActionSchema, type ReferralActionInput } from '../../contract/referrals/views.js';
import {
  type ReferralActionType,
  type ReferralStatus,
  sharedDocumentField,
} from '../../contract/referrals/vocabulary.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import { endParticipation, grantParticipation } from '../../core/scope/participation.js';
import type { ActionEffect, EffectResult, Subject } from '../../core/workflow/definition.js';
import { defineWorkflow } from '../../core/workflow/definition.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { referralVisibleTo } from './access.js';
import { referralEnded } from './endings.js';
import { referralRules } from './rule-sections.js';
import { referralStatusTable, sideOf } from './rules.js';
import { readReferral } from './view.js';
import './messages.js';
import './tables.js';

type Trx = Transaction<Database>;

export interface ReferralFields {
  fromOrgId: string;
  toOrgId: string;
  caseId: string | null;
  service: string;
  shares: string[];
  documentIds: string[];
  divisionCode: string;
  dueOn: string | null;
}
export type LockedReferral = Subject<ReferralStatus, ReferralActionType, ReferralFields>;
type Effect<K extends ReferralActionInput['type']> = ActionEffect<
  LockedReferral,
  Extract<ReferralActionInput, { type: K }>
>;

/** The action is the receiver's (answer, deliver) or the sender's (withdraw): checked before it is recorded. */
function requireSide(referral: LockedReferral, organisationId: string | null, type: keyof typeof sideOf): void {
  const side = sideOf[type];
  const party = side === 'receiver' ? referral.toOrgId : referral.fromOrgId;
  if (organisationId !== party)
    throw new DomainError(side === 'receiver' ? 'referrals.not_receiver' : 'referrals.not_sender', 403);
}

const clockOf = (referral: LockedReferral, at: Date) => ({
  ownerOrgId: referral.toOrgId,
  subjectType: 'referral' as const,
  subjectId: referral.id,
  caseId: referral.caseId,
  childId: referral.childId,
  divisionCode: referral.divisionCode,
  startedAt: at,
});

/** Stops the named clocks of the referral, recorded against the action that stopped them. */
const stopping =
  (trx: Trx, referral: LockedReferral, at: Date, rules: readonly string[]): EffectResult['after'] =>
  async (seq) =>
    void (await stopClocks(trx, { subjectId: referral.id, rules }, at, seq));

/** The referral's end: its clocks stopped, then those who build on referrals told (it reads as ended by now). */
const ending =
  (uow: UnitOfWork, referral: LockedReferral, at: Date): EffectResult['after'] =>
  async (seq) => {
    await stopClocks(uow.trx, { subjectId: referral.id, rules: ['referral.response', 'referral.completion'] }, at, seq);
    await referralEnded(
      uow,
      {
        referralId: referral.id,
        childId: referral.childId,
        caseId: referral.caseId,
        fromOrgId: referral.fromOrgId,
        toOrgId: referral.toOrgId,
      },
      at,
    );
  };

const accept: Effect<'accept'> = async ({ uow: { trx, actor }, subject, at }) => {
  requireSide(subject, actor.organisationId, 'accept');
  // Need-to-know: the receiver sees the child, and only the parts shared, from now until the referral ends.
  await grantParticipation(trx, {
    childId: subject.childId,
    organisationId: subject.toOrgId,
    basis: 'referral',
    basisId: subject.id,
    fields: [...subject.shares, ...subject.documentIds.map(sharedDocumentField)],
  });
  const rules = await ruleSetFor(trx, subject.divisionCode, shanghaiDateOf(at));
  const duration = subject.dueOn
    ? { minutes: Math.max(0, Math.round((Date.parse(`${subject.dueOn}T23:59:59+08:00`) - at.getTime()) / 60_000)) }
    : { workingDays: rules.get(referralRules).completionWorkingDays };
  return {
    after: async (seq) => {
      await stopClocks(trx, { subjectId: subject.id, rules: ['referral.response'] }, at, seq);
      await startClock(trx, rules, { ...clockOf(subject, at), rule: 'referral.completion', duration });
    },
  };
};

const decline: Effect<'decline'> = async ({ uow: { trx, actor }, subject, at }) => {
  requireSide(subject, actor.organisationId, 'decline');
  return { after: stopping(trx, subject, at, ['referral.response']) };
};

const start: Effect<'start'> = async ({ uow: { actor }, subject }) => {
  requireSide(subject, actor.organisationId, 'start');
  return undefined;
};

const complete: Effect<'complete'> = async ({ uow, subject, input, at }) => {
  const { trx, actor } = uow;
  requireSide(subject, actor.organisationId, 'complete');
  await endParticipation(trx, { basis: 'referral', basisId: subject.id, at });
  return {
    // The outcome goes on the child's timeline with the action (core/timeline through the engine).
    timeline: { after: { outcome: input.outcome, service: subject.service, organisationId: subject.toOrgId } },
    after: ending(uow, subject, at),
  };
};

const withdraw: Effect<'withdraw'> = async ({ uow, subject, at }) => {
  requireSide(subject, uow.actor.organisationId, 'withdraw');
  await endParticipation(uow.trx, { basis: 'referral', basisId: subject.id, at });
  return { after: ending(uow, subject, at) };
};

/** Each action's payload schema, from the request schema the API speaks. */
const payloads = Object.fromEntries(referralActionSchema.options.map((option) => [option.shape.type.value, option]));

/**
 * The referral workflow: the status table (rules.ts), the log, the effects (participation on
 * acceptance and its end, the response and completion clocks). The sender and the receiver act on
 * it without the child in their scope: the engine's act rule is the read rule (`referralVisibleTo`), so the
 * receiver can accept first, and an organisation that is no party gets 404 to an action as to a read.
 */
export const referralWorkflow = defineWorkflow<
  ReferralStatus,
  ReferralActionType,
  ReferralActionInput | { type: 'request'; expectedSeq: number },
  ReferralFields
>({
  ...referralStatusTable,
  name: 'referrals',
  entity: 'referral',
  log: {
    subjects: 'referrals',
    actions: 'referral_actions',
    subjectKey: 'referral_id',
    fields: (row) => ({
      fromOrgId: String(row.from_org_id),
      toOrgId: String(row.to_org_id),
      caseId: row.case_id === null ? null : String(row.case_id),
      service: String(row.service),
      shares: row.shares as string[],
      documentIds: row.document_ids as string[],
      divisionCode: String(row.division_code),
      dueOn: row.due_on === null ? null : String(row.due_on),
    }),
    // Who may act is who may read: a subject the caller cannot read answers 404, as the read does.
    visibleTo: (trx, actor) => trx.selectFrom('referrals').select('referrals.id').where(referralVisibleTo(actor)),
  },
  payloads,
  effects: { accept, decline, start, complete, withdraw },
  present: (trx, actor, id) => readReferral(trx, actor, id, { audit: false }).catch(() => undefined),
});
