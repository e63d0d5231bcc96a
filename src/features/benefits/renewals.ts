import type { Kysely } from 'kysely';
import type { RenewalActionInput } from '../../contract/benefits/payments.js';
import type { RenewalStatus } from '../../contract/benefits/vocabulary.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { type Actor, hasPermission, systemActor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { loadRuleSets, ruleSetFor } from '../../platform/rules/store.js';
import { benefitRules } from './rule-sections.js';
import './payments/tables.js';
import './renewal-messages.js';

type Db = Kysely<Database>;

/** The clock of each state: the 18th birthday, the county's time to renew, the renewal's end date. */
export const renewalClock: Record<Exclude<RenewalStatus, 'renewal_ended'>, string> = {
  about_to_age_out: 'benefit.age_out',
  awaiting_renewal: 'benefit.renewal_awaited',
  renewed: 'benefit.renewal_term',
};
const everyRenewalClock = Object.values(renewalClock);

/** A birthday `years` on (29 February falls on 28 February in a common year). */
export function birthdayAt(birthDate: string, years: number): string {
  const year = Number(birthDate.slice(0, 4)) + years;
  const monthDay = birthDate.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}

const endOfDay = (date: string) => new Date(`${date}T23:59:59+08:00`);
const minutesUntil = (from: Date, date: string) =>
  Math.max(1, Math.floor((endOfDay(date).getTime() - from.getTime()) / 60_000));

interface RenewalRow {
  id: string;
  application_id: string;
  child_id: string;
  division_code: string;
  ages_out_on: string;
  status: string;
  seq: number;
  owner_org: string | null;
}

async function step(
  uow: UnitOfWork,
  renewal: RenewalRow,
  type: string,
  statusAfter: RenewalStatus,
  payload: Record<string, unknown>,
  at: Date,
  changes: { renewed_until?: string | null; school?: string | null } = {},
): Promise<void> {
  const seq = renewal.seq + 1;
  await uow.trx
    .updateTable('benefit_renewals')
    .set({ status: statusAfter, seq, ...changes })
    .where('id', '=', renewal.id)
    .execute();
  await uow.trx
    .insertInto('benefit_renewal_steps')
    .values({
      renewal_id: renewal.id,
      seq,
      type,
      status_after: statusAfter,
      payload: JSON.stringify(payload),
      actor_user_id: uow.actor.userId,
      actor_label: uow.actor.label,
      occurred_at: at,
    })
    .execute();
  await recordTimeline(uow.trx, uow.actor, {
    childId: renewal.child_id,
    kind: `benefit_renewal.${type}`,
    occurredAt: at,
    entityType: 'benefit_renewal',
    entityId: renewal.id,
    before: { status: renewal.status },
    after: { status: statusAfter, ...payload },
  });
}

async function startStateClock(
  uow: UnitOfWork,
  renewal: RenewalRow,
  state: keyof typeof renewalClock,
  at: Date,
  until?: string,
) {
  const ruleSet = await ruleSetFor(uow.trx, renewal.division_code, shanghaiDateOf(at));
  const rules = ruleSet.get(benefitRules).renewal;
  await startClock(uow.trx, ruleSet, {
    rule: renewalClock[state],
    ownerOrgId: renewal.owner_org!,
    subjectType: 'application',
    subjectId: renewal.application_id,
    childId: renewal.child_id,
    divisionCode: renewal.division_code,
    startedAt: at,
    duration:
      state === 'awaiting_renewal' ? { workingDays: rules.awaitingWorkingDays } : { minutes: minutesUntil(at, until!) },
  });
}

function renewals(trx: UnitOfWork['trx'], actor: Actor) {
  return trx
    .selectFrom('benefit_renewals as r')
    .innerJoin('children', 'children.id', 'r.child_id')
    .innerJoin('benefit_application_actions as approve', (join) =>
      join.onRef('approve.application_id', '=', 'r.application_id').on('approve.type', '=', 'approve'),
    )
    .where(childInScope(actor))
    .select([
      'r.id',
      'r.application_id',
      'r.child_id',
      'r.division_code',
      'r.ages_out_on',
      'r.status',
      'r.seq',
      'r.renewed_until',
      'approve.actor_org_id as owner_org',
      'children.birth_date',
    ]);
}

/**
 * The renewal sweep, as of a moment: an approved orphan benefit whose child turns 18 within the
 * notice period gets its renewal (about to age out, clocked to the birthday); past the birthday it
 * awaits renewal (clocked in working days); a renewal past its end date ends.
 */
export async function sweepRenewalsIn(uow: UnitOfWork, asOf: Date): Promise<Record<string, number>> {
  const today = shanghaiDateOf(asOf);
  const resolver = await loadRuleSets(uow.trx);
  const candidates = await uow.trx
    .selectFrom('benefit_applications as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .innerJoin('benefit_application_actions as approve', (join) =>
      join.onRef('approve.application_id', '=', 'a.id').on('approve.type', '=', 'approve'),
    )
    .leftJoin('benefit_renewals as r', 'r.application_id', 'a.id')
    .where(childInScope(uow.actor))
    .where('a.status', '=', 'approved')
    .where('r.id', 'is', null)
    .where('children.birth_date', 'is not', null)
    .where('children.birth_date', '<=', birthdayAt(today, -17))
    .select(['a.id', 'a.child_id', 'a.division_code', 'a.benefit_type', 'children.birth_date', 'approve.actor_org_id'])
    .execute();
  let started = 0;
  for (const c of candidates) {
    const rules = resolver.for(c.division_code, today).get(benefitRules).renewal;
    const agesOutOn = birthdayAt(c.birth_date!, 18);
    const noticeFrom = shanghaiDateOf(new Date(endOfDay(agesOutOn).getTime() - rules.noticeDays * 86_400_000));
    if (!rules.benefitTypes.includes(c.benefit_type) || today < noticeFrom || !c.actor_org_id) continue;
    const row = await uow.trx
      .insertInto('benefit_renewals')
      .values({
        application_id: c.id,
        child_id: c.child_id,
        division_code: c.division_code,
        ages_out_on: agesOutOn,
        status: 'about_to_age_out',
        seq: 0,
        created_at: asOf,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const renewal: RenewalRow = {
      id: row.id,
      application_id: c.id,
      child_id: c.child_id,
      division_code: c.division_code,
      ages_out_on: agesOutOn,
      status: 'about_to_age_out',
      seq: 0,
      owner_org: c.actor_org_id,
    };
    await step(uow, renewal, 'notice', 'about_to_age_out', { agesOutOn }, asOf);
    await startStateClock(uow, renewal, 'about_to_age_out', asOf, agesOutOn);
    started += 1;
  }
  let overAge = 0;
  for (const r of await renewals(uow.trx, uow.actor)
    .where('r.status', '=', 'about_to_age_out')
    .where('r.ages_out_on', '<', today)
    .execute()) {
    const at = new Date(Math.max(endOfDay(r.ages_out_on).getTime() + 1000, 0));
    const when = at < asOf ? at : asOf;
    await stopClocks(uow.trx, { subjectId: r.application_id, rules: [renewalClock.about_to_age_out] }, when);
    await step(uow, r, 'over_age', 'awaiting_renewal', {}, when);
    await startStateClock(uow, r, 'awaiting_renewal', when);
    overAge += 1;
  }
  let ended = 0;
  for (const r of await renewals(uow.trx, uow.actor)
    .where('r.status', '=', 'renewed')
    .where('r.renewed_until', '<', today)
    .execute()) {
    // The term ran to its end date: its clock is met that day, however late the sweep notices.
    const endedAt = new Date(`${r.renewed_until!}T12:00:00+08:00`);
    await stopClocks(uow.trx, { subjectId: r.application_id, rules: everyRenewalClock }, endedAt);
    await step(uow, r, 'end', 'renewal_ended', { reason: 'studies_ended' }, endedAt);
    ended += 1;
  }
  return { started, overAge, ended };
}

export const renewalSweep: Sweep = {
  name: 'benefits.renewals',
  async run(db, asOf) {
    const { result } = await unitOfWork(db, systemActor('renewal sweep'), 'benefit_renewal.sweep', (uow) =>
      sweepRenewalsIn(uow, asOf),
    );
    return result;
  },
};

/**
 * The county renews the allowance to a stated end date (an orphan over 18 still in school: up to
 * the rule set's maximum age), or ends the renewal. The state's clock stops, the next one starts.
 */
export async function actOnRenewalIn(uow: UnitOfWork, id: string, input: RenewalActionInput, now: Date): Promise<void> {
  if (!hasPermission(uow.actor, 'benefits.decide')) throw forbidden('benefits.decide');
  const renewal = await renewals(uow.trx, uow.actor).where('r.id', '=', id).forUpdate().executeTakeFirst();
  if (!renewal) throw notFound(translate(uow.actor.locale, 'benefits.renewal_entity'), id);
  if (input.expectedSeq !== renewal.seq)
    throw new DomainError('benefits.renewal_stale', 409, { seq: renewal.seq }, { currentSeq: renewal.seq });
  const allowed: Record<RenewalActionInput['type'], string[]> = {
    renew: ['about_to_age_out', 'awaiting_renewal'],
    end: ['about_to_age_out', 'awaiting_renewal', 'renewed'],
  };
  if (!allowed[input.type].includes(renewal.status))
    throw new DomainError('benefits.renewal_not_allowed', 409, { status: renewal.status, action: input.type });
  await stopClocks(uow.trx, { subjectId: renewal.application_id, rules: everyRenewalClock }, now);
  if (input.type === 'end') {
    await step(uow, renewal, 'end', 'renewal_ended', { reason: input.reason, note: input.note ?? null }, now);
    return;
  }
  const rules = (await ruleSetFor(uow.trx, renewal.division_code, shanghaiDateOf(now))).get(benefitRules).renewal;
  const latest = birthdayAt(renewal.birth_date!, rules.maxAge);
  if (input.renewedUntil <= renewal.ages_out_on || input.renewedUntil > latest)
    throw new DomainError(
      'benefits.renewal_until_out_of_range',
      400,
      { date: input.renewedUntil, from: renewal.ages_out_on, to: latest },
      [{ path: 'body.renewedUntil', code: 'benefits.renewal_until_out_of_range' }],
    );
  await step(
    uow,
    renewal,
    'renew',
    'renewed',
    { renewedUntil: input.renewedUntil, school: input.school, note: input.note ?? null },
    now,
    { renewed_until: input.renewedUntil, school: input.school },
  );
  await startStateClock(uow, renewal, 'renewed', now, input.renewedUntil);
  uow.audit({ entityType: 'benefit_renewal', entityId: id, childId: renewal.child_id });
}

export async function actOnRenewal(db: Db, actor: Actor, id: string, input: RenewalActionInput): Promise<void> {
  await unitOfWork(db, actor, `benefit_renewal.${input.type}`, (uow) => actOnRenewalIn(uow, id, input, new Date()));
}
