import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import { endParticipation } from '../../core/scope/participation.js';
import type { ActionEffect, Subject } from '../../core/workflow/definition.js';
import { beginEpisode } from './episode.js';
import { escortHome } from './escort.js';
import { assessedOnProblem, requireReturnHomeAssessment } from './return-home.js';
import { moveTracingTo } from './tracing/store.js';
import type { PlacementActionType, PlacementStatus } from './model.js';
import { placementRules } from './rule-sections.js';
import { mayApproveExtension } from './rules.js';
import { closeEpisode, countActions, latestPayload, organisationById, runningClock } from './store.js';
import type { PlacementFields, PlacementRequest } from './workflow.js';

type Trx = Transaction<Database>;
type Locked = Subject<PlacementStatus, PlacementActionType, PlacementFields>;
type Effects = { [K in PlacementActionType]?: ActionEffect<Locked, Extract<PlacementRequest, { type: K }>> };

const stay = 'placement.rescue_station_stay';

/** A moment the caller names for a hand-over: not before the episode began, not after now. */
function handOverMoment(given: string | undefined, episode: Locked, at: Date, field: string): Date {
  if (!given) return at;
  const moment = new Date(given);
  if (moment.getTime() < episode.startedAt.getTime())
    throw new DomainError(
      'placements.ends_before_start',
      400,
      { field, endedAt: given, startedAt: episode.startedAt.toISOString() },
      [
        {
          path: field,
          code: 'placements.ends_before_start',
          params: { endedAt: given, startedAt: episode.startedAt.toISOString() },
        },
      ],
    );
  if (moment.getTime() > at.getTime())
    throw new DomainError('placements.in_future', 400, { field, at: given }, [
      { path: field, code: 'placements.in_future', params: { at: given } },
    ]);
  return moment;
}

async function requireAuthority(trx: Trx, actor: Actor, episode: Locked, at: Date): Promise<void> {
  const rule = (await ruleSetFor(trx, episode.divisionCode, shanghaiDateOf(at))).get(placementRules).extensionApprover;
  const approver = actor.organisationId ? await organisationById(trx, actor.organisationId) : undefined;
  const station = episode.organisationId ? await organisationById(trx, episode.organisationId) : undefined;
  if (actor.kind === 'system') return;
  if (!station || !mayApproveExtension(approver ?? null, station.divisionCode, rule))
    throw new DomainError('placements.not_authority', 403, {
      place: translate(actor.locale, `placements.level.${rule.lowestPlace}`),
      organisation: approver?.name ?? actor.label,
    });
}

/** Ends the episode at the hand-over: its clocks stop, and the access it gave ends with it. */
export async function finish(trx: Trx, episode: Locked, endedAt: Date, reason: string, at: Date) {
  await closeEpisode(trx, episode.id, endedAt, reason);
  await endParticipation(trx, { basis: 'placement', basisId: episode.id, at: endedAt });
  return {
    after: async (seq: number) => void (await stopClocks(trx, { subjectId: episode.id, rules: 'every rule' }, at, seq)),
  };
}

export type { Locked };

export const placementEffects: Effects = {
  request_extension: async ({ subject }) => {
    if (subject.kind !== 'rescue_station')
      throw new DomainError('placements.extension_only_station', 409, { kind: subject.kind });
    return undefined;
  },

  approve_extension: async ({ uow: { trx, actor }, subject, at }) => {
    await requireAuthority(trx, actor, subject, at);
    const request = await latestPayload(trx, subject.id, 'request_extension');
    const days = Number(request?.days ?? 0);
    const rules = await ruleSetFor(trx, subject.divisionCode, shanghaiDateOf(at));
    const clock = await runningClock(trx, subject.id, stay);
    // The longer stay counts from the end of the one allowed so far, or from now if that has passed.
    const from = clock && clock.dueAt.getTime() > at.getTime() ? clock.dueAt : at;
    return {
      payload: { days, until: new Date(from.getTime() + days * 86_400_000).toISOString() },
      after: async (seq) => {
        await stopClocks(trx, { subjectId: subject.id, rules: [stay] }, at, seq);
        if (!subject.organisationId) return;
        await startClock(trx, rules, {
          rule: stay,
          ownerOrgId: subject.organisationId,
          subjectType: 'placement',
          subjectId: subject.id,
          childId: subject.childId,
          divisionCode: subject.divisionCode,
          startedAt: at,
          duration: { minutes: (from.getTime() - at.getTime()) / 60_000 + days * 24 * 60 },
        });
      },
    };
  },

  reject_extension: async ({ uow: { trx, actor }, subject, at }) => {
    await requireAuthority(trx, actor, subject, at);
    return undefined;
  },

  transfer: async ({ uow, subject, input, at }) => {
    const { trx } = uow;
    const moment = handOverMoment(input.handedOverAt, subject, at, 'body.handedOverAt');
    await requireReturnHomeAssessment(trx, subject, input.next.kind);
    const ended = await finish(trx, subject, moment, 'transferred', at);
    const child = await trx
      .selectFrom('children')
      .where(systemScope('the child of the placement the workflow locked through childInScope'))
      .where('id', '=', subject.childId)
      .select(['id', 'residence_code', 'id_number'])
      .executeTakeFirstOrThrow();
    const nextId = await beginEpisode(uow, {
      child: { id: child.id, residenceCode: child.residence_code, identified: child.id_number !== null },
      input: { ...input.next, caseId: null },
      startedAt: moment,
      at,
      path: 'body.next',
      previous: { id: subject.id, kind: subject.kind },
    });
    await moveTracingTo(trx, subject.childId, input.next.organisationId ?? null);
    return { ...ended, payload: { nextId, handedOverAt: moment.toISOString() } };
  },

  assess_return_home: async ({ input, at }) => {
    const problem = assessedOnProblem(input.assessedOn, shanghaiDateOf(at));
    if (problem) throw problem;
    return undefined;
  },

  escort_home: async ({ uow, subject, input, at }) => {
    const moment = handOverMoment(input.handedOverAt, subject, at, 'body.handedOverAt');
    await requireReturnHomeAssessment(uow.trx, subject, 'home');
    const ended = await finish(uow.trx, subject, moment, 'escorted_home', at);
    const { nextId, tracingId } = await escortHome(uow, subject, input, moment, at);
    return { ...ended, payload: { nextId, tracingId, handedOverAt: moment.toISOString() } };
  },

  end: async ({ uow: { trx }, subject, input, at }) => {
    const moment = handOverMoment(input.endedAt, subject, at, 'body.endedAt');
    return { ...(await finish(trx, subject, moment, input.reason, at)), payload: { endedAt: moment.toISOString() } };
  },

  follow_up: async ({ uow: { trx }, subject, at }) => {
    const clock = await runningClock(trx, subject.id, 'placement.follow_up');
    if (!clock) throw new DomainError('placements.no_follow_up_due', 409);
    const rules = await ruleSetFor(trx, subject.divisionCode, shanghaiDateOf(at));
    const config = rules.get(placementRules);
    const done = (await countActions(trx, subject.id, 'follow_up')) + 1;
    const owner = await trx
      .selectFrom('clocks')
      .select('owner_org_id')
      .where('id', '=', clock.id)
      .executeTakeFirstOrThrow();
    return {
      payload: { followUp: done, of: config.followUps },
      after: async (seq) => {
        await stopClocks(trx, { subjectId: subject.id, rules: ['placement.follow_up'] }, at, seq);
        if (done < config.followUps)
          await startClock(trx, rules, {
            rule: 'placement.follow_up',
            ownerOrgId: owner.owner_org_id,
            subjectType: 'placement',
            subjectId: subject.id,
            childId: subject.childId,
            divisionCode: subject.divisionCode,
            startedAt: at,
            duration: { days: config.followUpEveryDays },
          });
      },
    };
  },
};
