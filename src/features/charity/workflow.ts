import { sql } from 'kysely';
import { type NeedActionInput, needActionSchema } from '../../contract/charity/views.js';
import type { NeedActionType, NeedStatus } from '../../contract/charity/vocabulary.js';
import type { ActionEffect, Subject } from '../../core/workflow/definition.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { defineWorkflow } from '../../core/workflow/definition.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { needPartyOf } from './access.js';
import { charityRules } from './rule-sections.js';
import { checkStateOf } from './rules.js';
import { needStatusTable } from './rules.js';
import { readNeed } from './views.js';
import './messages.js';
import './tables.js';

export interface NeedFields {
  divisionCode: string;
  raisedByOrgId: string | null;
  kind: string;
  amountFen: number | null;
}
export type LockedNeed = Subject<NeedStatus, NeedActionType, NeedFields>;
type Effect<K extends NeedActionInput['type']> = ActionEffect<LockedNeed, Extract<NeedActionInput, { type: K }>>;

/**
 * A charity matches the need to one of its donations not matched yet (a second match → 409) and/or
 * one of its volunteers whose safeguarding check is valid on the day (else refused, with the date).
 */
const match: Effect<'match'> = async ({ uow: { trx, actor }, subject, input, at }) => {
  if (!input.donationId && !input.volunteerId) throw new DomainError('charity.match_needs_something', 400);
  const today = shanghaiDateOf(at);
  const payload: Record<string, unknown> = {};
  if (input.donationId) {
    const donation = await trx
      .selectFrom('donations')
      .select(['id', 'need_id', 'form', 'amount_fen', 'goods'])
      .where('id', '=', input.donationId)
      .where('charity_org_id', '=', actor.organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!donation) throw notFound(translate(actor.locale, 'charity.donation_entity'), input.donationId);
    if (donation.need_id) throw conflict('charity.donation_matched', {});
    await trx
      .updateTable('donations')
      .set({ need_id: subject.id, version: sql`version + 1`, updated_at: at })
      .where('id', '=', donation.id)
      .execute();
    payload.donationId = donation.id;
  }
  if (input.volunteerId) {
    const volunteer = await trx
      .selectFrom('volunteers')
      .select(['id', 'name', 'check_expires_on'])
      .where('id', '=', input.volunteerId)
      .where('organisation_id', '=', actor.organisationId)
      .executeTakeFirst();
    if (!volunteer) throw notFound(translate(actor.locale, 'charity.volunteer_entity'), input.volunteerId);
    const rules = (await ruleSetFor(trx, subject.divisionCode, today)).get(charityRules);
    const state = checkStateOf(volunteer.check_expires_on, today, rules.checkWarnDays);
    if (state === 'missing')
      throw new DomainError('charity.volunteer_unchecked', 409, { name: volunteer.name }, [
        { path: 'body.volunteerId', code: 'charity.volunteer_unchecked' },
      ]);
    if (state === 'expired')
      throw new DomainError(
        'charity.volunteer_check_expired',
        409,
        { name: volunteer.name, expiresOn: String(volunteer.check_expires_on) },
        [{ path: 'body.volunteerId', code: 'charity.volunteer_check_expired' }],
      );
    await trx
      .updateTable('charity_needs')
      .set({ volunteer_id: volunteer.id })
      .where('id', '=', subject.id)
      .where(systemScope('the need was locked through its scope by the engine'))
      .execute();
    payload.volunteerId = volunteer.id;
  }
  return { payload };
};

/** The hand-over is recorded with a receipt number (CS + year + a running number). */
const handOver: Effect<'hand_over'> = async ({ uow: { trx }, subject, input }) => {
  const next = await sql<{ n: string }>`SELECT nextval('charity_receipt_seq')::text AS n`.execute(trx);
  const receiptNumber = `CS${input.handedOn.slice(0, 4)}${String(next.rows[0]?.n).padStart(6, '0')}`;
  await trx
    .updateTable('charity_needs')
    .set({ receipt_number: receiptNumber, handed_on: input.handedOn, received_by: input.receivedBy })
    .where('id', '=', subject.id)
    .where(systemScope('the need was locked through its scope by the engine'))
    .execute();
  return { payload: { receiptNumber }, timeline: { after: { receiptNumber, kind: subject.kind } } };
};

/** Cancelling a matched need frees its donation for another need. */
const cancel: Effect<'cancel'> = async ({ uow: { trx }, subject, at }) => {
  await trx
    .updateTable('donations')
    .set({ need_id: null, version: sql`version + 1`, updated_at: at })
    .where('need_id', '=', subject.id)
    .execute();
  return undefined;
};

const payloads = Object.fromEntries(needActionSchema.options.map((option) => [option.shape.type.value, option]));

/** The need workflow: its status table (rules.ts), its log, and what matching and handing over do. */
export const needWorkflow = defineWorkflow<
  NeedStatus,
  NeedActionType,
  NeedActionInput | { type: 'raise'; expectedSeq: number },
  NeedFields
>({
  ...needStatusTable,
  name: 'charity',
  entity: 'need',
  log: {
    subjects: 'charity_needs',
    actions: 'charity_need_actions',
    subjectKey: 'need_id',
    fields: (row) => ({
      divisionCode: String(row.division_code),
      raisedByOrgId: row.raised_by_org_id === null ? null : String(row.raised_by_org_id),
      kind: String(row.kind),
      amountFen: row.amount_fen === null ? null : Number(row.amount_fen),
    }),
    alsoVisibleTo: needPartyOf,
  },
  payloads,
  effects: { match, hand_over: handOver, cancel },
  present: (trx, actor, id) => readNeed(trx, actor, id).catch(() => undefined),
});
