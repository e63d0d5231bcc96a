import type { Transaction } from 'kysely';
import { type RecommendationActionInput, recommendationActionSchema } from '../../contract/recommendations/views.js';
import {
  type RecommendationActionType,
  recommendationSideOf,
  type RecommendationStatus,
  type RecommendationUserAction,
} from '../../contract/recommendations/vocabulary.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import type { ActionEffect, EffectResult, Subject } from '../../core/workflow/definition.js';
import { defineWorkflow } from '../../core/workflow/definition.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { recommendationVisibleTo } from './access.js';
import { recommendationRules } from './rule-sections.js';
import { recommendationStatusTable } from './rules.js';
import { readRecommendation } from './view.js';
import './messages.js';
import './tables.js';

type Trx = Transaction<Database>;

export interface RecommendationFields {
  fromOrgId: string;
  toOrgId: string;
  /** The child it is about, if any (the engine's `childId` is the same column, empty here when none). */
  aboutChildId: string | null;
  caseId: string | null;
  divisionCode: string;
}
export type LockedRecommendation = Subject<RecommendationStatus, RecommendationActionType, RecommendationFields>;
type Effect<K extends RecommendationActionInput['type']> = ActionEffect<
  LockedRecommendation,
  Extract<RecommendationActionInput, { type: K }>
>;

/** Only the addressee replies (any other unit → 403); only the issuing procuratorate does the rest. */
function requireSide(subject: LockedRecommendation, organisationId: string | null, type: RecommendationUserAction) {
  const side = recommendationSideOf[type];
  const party = side === 'addressee' ? subject.toOrgId : subject.fromOrgId;
  if (organisationId !== party)
    throw new DomainError(side === 'addressee' ? 'recommendations.not_addressee' : 'recommendations.not_issuer', 403);
}

/** The reply clock: owned by the addressee, at its place, escalated by the place's chain (rule data). */
export async function startReplyClock(
  trx: Trx,
  rules: RuleSet,
  subject: { id: string; toOrgId: string; caseId: string | null; childId: string | null; divisionCode: string },
  at: Date,
  dueAt: Date,
): Promise<void> {
  await startClock(trx, rules, {
    rule: 'recommendation.reply',
    ownerOrgId: subject.toOrgId,
    subjectType: 'recommendation',
    subjectId: subject.id,
    caseId: subject.caseId,
    childId: subject.childId,
    divisionCode: subject.divisionCode,
    startedAt: at,
    // Whole minutes, rounded down: the clock ends within the due day (23:59), never at the next midnight.
    duration: { minutes: Math.max(0, Math.floor((dueAt.getTime() - at.getTime()) / 60_000)) },
    escalationHours: rules.get(recommendationRules).escalationHours,
  });
}

const stopping =
  (trx: Trx, subject: LockedRecommendation, at: Date): EffectResult['after'] =>
  async (seq) =>
    void (await stopClocks(trx, { subjectId: subject.id, rules: ['recommendation.reply'] }, at, seq));

const reply: Effect<'reply'> = async ({ uow: { trx, actor }, subject, at }) => {
  requireSide(subject, actor.organisationId, 'reply');
  // Met or missed is decided here, once: the reply arrived before or after the due time.
  return { after: stopping(trx, subject, at) };
};

const accept: Effect<'accept'> = async ({ uow: { actor }, subject }) => {
  requireSide(subject, actor.organisationId, 'accept');
  return undefined;
};

const returnReply: Effect<'return'> = async ({ uow: { trx, actor }, subject, at }) => {
  requireSide(subject, actor.organisationId, 'return');
  const rules = await ruleSetFor(trx, subject.divisionCode, shanghaiDateOf(at));
  const days = rules.get(recommendationRules).returnedReplyDays;
  const due = new Date(at.getTime() + days * 86_400_000);
  return {
    after: async () => startReplyClock(trx, rules, { ...subject, childId: subject.aboutChildId }, at, due),
  };
};

const withdraw: Effect<'withdraw'> = async ({ uow: { trx, actor }, subject, at }) => {
  requireSide(subject, actor.organisationId, 'withdraw');
  return { after: stopping(trx, subject, at) };
};

const noteLitigation: Effect<'note_litigation'> = async ({ uow: { actor }, subject, input, at }) => {
  requireSide(subject, actor.organisationId, 'note_litigation');
  if (input.filedOn > shanghaiDateOf(at))
    throw new DomainError('recommendations.filed_in_future', 400, { filedOn: input.filedOn }, [
      { path: 'body.filedOn', code: 'recommendations.filed_in_future' },
    ]);
  return undefined;
};

const payloads = Object.fromEntries(
  recommendationActionSchema.options.map((option) => [option.shape.type.value, option]),
);

/**
 * The recommendation workflow: the status table (rules.ts), the log, the effects (the reply clock
 * stopped by the reply, restarted when a reply is returned). The issuer and the addressee act on it
 * without a child in their scope: the engine's act rule is the read rule (`recommendationVisibleTo`; most
 * recommendations name no child), so a unit that is no party gets 404 to an action as to a read.
 */
export const recommendationWorkflow = defineWorkflow<
  RecommendationStatus,
  RecommendationActionType,
  RecommendationActionInput | { type: 'issue'; expectedSeq: number },
  RecommendationFields
>({
  ...recommendationStatusTable,
  name: 'recommendations',
  entity: 'recommendation',
  log: {
    subjects: 'recommendations',
    actions: 'recommendation_actions',
    subjectKey: 'recommendation_id',
    fields: (row) => ({
      fromOrgId: String(row.from_org_id),
      toOrgId: String(row.to_org_id),
      aboutChildId: row.child_id === null ? null : String(row.child_id),
      caseId: row.case_id === null ? null : String(row.case_id),
      divisionCode: String(row.division_code),
    }),
    // Who may act is who may read: a subject the caller cannot read answers 404, as the read does.
    visibleTo: (trx, actor) =>
      trx.selectFrom('recommendations').select('recommendations.id').where(recommendationVisibleTo(actor)),
  },
  payloads,
  effects: { reply, accept, return: returnReply, withdraw, note_litigation: noteLitigation },
  present: (trx, actor, id) => readRecommendation(trx, actor, id, { audit: false }).catch(() => undefined),
});
