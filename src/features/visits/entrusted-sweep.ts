import { sql } from 'kysely';
import { closeClocks } from '../../core/clocks/index.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { systemActor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import '../../core/clocks/tables.js';
import './entrusted-tables.js';

const batch = 500;

/** Why a care's clocks were closed: the reason in the clock history; the timeline entry's kind is `entrusted_care.<cause>`. */
const causes = { active: 'left_behind_ended', inactive: 'child_inactive' } as const;

/**
 * The weekly parent contact is owed to a left-behind child: when the child's left-behind category
 * ends (the registry's age-out at 16, a parent come home) or the child leaves the registry, the
 * care's open clocks close as of the sweep, with the reason in each clock's history and one
 * timeline entry per care — as the visits sweep stops a routine visit whose rule ended. The care
 * itself stays (the carer is still there; ending it is a person's decision). Idempotent: a closed
 * clock is not reopened here, and a contact recorded later starts none while the child is not
 * left-behind (`recordParentContactIn`).
 */
export const entrustedCareSweep: Sweep = {
  name: 'visits.entrusted',
  async run(db, asOf) {
    const actor = systemActor('sweep:visits.entrusted');
    const day = shanghaiDateOf(asOf);
    const totals = { cares: 0, clocks: 0 };
    for (;;) {
      const { result } = await unitOfWork(db, actor, 'visits.entrusted', async (uow) => {
        const rows = await uow.trx
          .selectFrom('entrusted_care as e')
          .innerJoin('children as c', 'c.id', 'e.child_id')
          .where(systemScope('the entrusted-care sweep looks at every care with an open clock'))
          .select([
            'e.id',
            'e.child_id',
            'c.status',
            sql<string | null>`(SELECT max(cc.end_date)::text FROM child_categories cc WHERE cc.child_id = c.id
              AND cc.category = 'left_behind' AND cc.end_date IS NOT NULL AND cc.end_date <= ${day}::date)`.as(
              'ended_on',
            ),
          ])
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('clocks as k')
                .select('k.id')
                .whereRef('k.subject_id', '=', 'e.id')
                .where('k.subject_type', '=', 'entrusted_care')
                .where('k.state', 'in', ['running', 'paused']),
            ),
          )
          .where(
            sql<boolean>`NOT (c.status = 'active' AND EXISTS (SELECT 1 FROM child_categories cc WHERE cc.child_id = c.id
              AND cc.category = 'left_behind' AND cc.state = 'confirmed' AND (cc.end_date IS NULL OR cc.end_date > ${day}::date)))`,
          )
          .orderBy('e.id')
          .limit(batch)
          .execute();
        let clocks = 0;
        for (const row of rows) {
          const cause = row.status === 'active' ? causes.active : causes.inactive;
          const reason = `entrusted_care.${cause}`;
          const closed = await closeClocks(
            uow.trx,
            actor,
            { subjectType: 'entrusted_care', subjectIds: [row.id] },
            asOf,
            reason,
          );
          clocks += closed.length;
          await recordTimeline(uow.trx, actor, {
            childId: row.child_id,
            kind: reason,
            entityType: 'entrusted_care',
            entityId: row.id,
            details: {
              leftBehindEndedOn: row.ended_on,
              rules: closed.map((c) => c.rule),
            },
            occurredAt: asOf,
          });
          uow.audit({
            entityType: 'entrusted_care',
            entityId: row.id,
            childId: row.child_id,
            details: { clocksClosed: closed.map((c) => c.id), reason },
          });
        }
        return { cares: rows.length, clocks };
      });
      totals.cares += result.cares;
      totals.clocks += result.clocks;
      if (result.cares < batch) break;
    }
    return totals;
  },
};
