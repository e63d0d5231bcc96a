import type { Kysely } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import '../../core/tables/cases.js';
import { pauseClock, resumeClock } from '../../core/clocks/index.js';
import './messages.js';

type Db = Kysely<Database>;

export interface ClockState {
  id: string;
  rule: string;
  state: string;
  dueAt: string;
  pauseReason: string | null;
}

/**
 * A case step's clock may be paused with a reason (the child is in hospital, the family has moved
 * away) by the owner or the lead organisation; acknowledgement clocks of reports never pause.
 */
export async function changeClock(
  db: Db,
  actor: Actor,
  clockId: string,
  change: { pause: true; reason: string } | { pause: false },
): Promise<ClockState> {
  if (!hasPermission(actor, 'cases.act')) throw forbidden('cases.act');
  const { result } = await unitOfWork(
    db,
    actor,
    change.pause ? 'clock.pause' : 'clock.resume',
    async ({ trx, audit }) => {
      const clock = await trx
        .selectFrom('clocks')
        .innerJoin('cases', 'cases.id', 'clocks.case_id')
        .innerJoin('children', 'children.id', 'cases.child_id')
        .select([
          'clocks.id',
          'clocks.owner_org_id',
          'clocks.subject_type',
          'clocks.state',
          'cases.lead_org_id',
          'cases.id as case_id',
          'cases.child_id',
        ])
        .where('clocks.id', '=', clockId)
        .where(childInScope(actor))
        .forUpdate()
        .executeTakeFirst();
      if (!clock) throw notFound(translate(actor.locale, 'clocks.entity'), clockId);
      if (actor.organisationId !== clock.owner_org_id && actor.organisationId !== clock.lead_org_id)
        throw new DomainError('clocks.not_owner', 403);
      const at = new Date();
      const changed = change.pause
        ? await pauseClock(trx, clockId, at, change.reason)
        : await resumeClock(trx, clockId, at);
      if (!changed)
        throw new DomainError(change.pause ? 'clocks.not_running' : 'clocks.not_paused', 409, { state: clock.state });
      await recordTimeline(trx, actor, {
        childId: clock.child_id,
        occurredAt: at,
        kind: change.pause ? 'clock.paused' : 'clock.resumed',
        reason: change.pause ? change.reason : null,
        entityType: 'case',
        entityId: clock.case_id,
        details: { clockId },
      });
      audit({
        entityType: 'clock',
        entityId: clockId,
        childId: clock.child_id,
        details: change.pause ? { reason: change.reason } : {},
      });
      const row = await trx
        .selectFrom('clocks')
        .select(['id', 'rule', 'state', 'due_at', 'pause_reason'])
        .where('id', '=', clockId)
        .executeTakeFirstOrThrow();
      return {
        id: row.id,
        rule: row.rule,
        state: row.state,
        dueAt: row.due_at.toISOString(),
        pauseReason: row.pause_reason,
      };
    },
  );
  return result;
}
