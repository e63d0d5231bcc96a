import { type Kysely, sql } from 'kysely';
import { systemScope } from '../../core/scope/system-scope.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import type { RuleSetResolver } from '../../platform/rules/store.js';
import { keyAttentionVisitsIn } from '../visits/service.js';
import { type AssessmentClockToStart, startAssessmentClocks } from './clocks.js';
import { assessmentRules } from './rule-sections.js';
import '../../core/clocks/tables.js';
import '../../core/tables/reports.js';

// Children per statement: each is a few index probes, the clues travel as two arrays.
const childrenPerBatch = 5000;

interface Clue {
  childId: string;
  recordedAt: Date;
}

/**
 * A key-attention visit or a report about a child recorded in (from, until] and not answered since
 * — no assessment made and no risk-clue clock started at or after it — starts `assessment.risk_clue`
 * (5 working days) from the clue, unless one already runs for the child or it is no longer active.
 * A child's clues are taken in order (visits before reports), the first unanswered one counting: as
 * one clue after another would. Set-based: one statement and one insert per batch of children.
 */
export async function startRiskClueClocks(
  db: Kysely<Database>,
  window: { from: Date; until: Date; day: string; resolver: RuleSetResolver },
): Promise<{ clues: number; started: number }> {
  const reports = await db
    .selectFrom('reports')
    .where(systemScope('the assessment sweep reads the reports received in a window'))
    .select(['child_id', (eb) => eb.fn.max('reported_at').as('at')])
    .where('child_id', 'is not', null)
    .where('reported_at', '>', window.from)
    .where('reported_at', '<=', window.until)
    .groupBy('child_id')
    .execute();
  const clues: Clue[] = [
    ...(await keyAttentionVisitsIn(db, window.from, window.until)),
    ...reports.map((r) => ({ childId: r.child_id as string, recordedAt: new Date(r.at as Date) })),
  ];
  const byChild = new Map<string, Date[]>();
  for (const clue of clues) byChild.set(clue.childId, [...(byChild.get(clue.childId) ?? []), clue.recordedAt]);
  const children = [...byChild.entries()];
  const actor = systemActor('sweep:assessments.schedule');
  let started = 0;
  for (let i = 0; i < children.length; i += childrenPerBatch) {
    const batch = children.slice(i, i + childrenPerBatch);
    const ids = batch.flatMap(([id, ats]) => ats.map(() => id));
    const ats = batch.flatMap(([, list]) => list.map((at) => at.toISOString()));
    const { result } = await unitOfWork(db, actor, 'assessments.schedule', async ({ trx }) => {
      // The clues not answered first, from two small indexes (0201's of the risk-clue clocks, the
      // assessments'), then the child by key for the third or so that are left: probing a million
      // children's heap for every clue read a page from disk per clue.
      const due = await sql<{ child_id: string; at: Date; residence_code: string }>`
        WITH open AS MATERIALIZED (
          SELECT clue.child_id, clue.at, clue.ord
          FROM unnest(${ids}::uuid[], ${ats}::timestamptz[]) WITH ORDINALITY AS clue(child_id, at, ord)
          WHERE NOT EXISTS (SELECT 1 FROM clocks k WHERE k.subject_id = clue.child_id AND k.rule = 'assessment.risk_clue'
              AND k.subject_type = 'assessment' AND (k.started_at >= clue.at OR k.state IN ('running', 'paused')))
            AND NOT EXISTS (SELECT 1 FROM guardianship_assessments g WHERE g.child_id = clue.child_id AND g.created_at >= clue.at)
        )
        SELECT DISTINCT ON (o.child_id) o.child_id, o.at, c.residence_code
        FROM open o
        -- By key, one probe a clue (LIMIT keeps the planner from hashing every child instead).
        CROSS JOIN LATERAL (SELECT c.residence_code FROM children c
          WHERE c.id = o.child_id AND c.status = 'active' LIMIT 1) c
        ORDER BY o.child_id, o.ord`.execute(trx);
      const wanted: AssessmentClockToStart[] = due.rows.map((row) => {
        const rules = window.resolver.for(row.residence_code, window.day);
        return {
          rules,
          childId: row.child_id,
          rule: 'assessment.risk_clue',
          from: new Date(row.at),
          duration: { workingDays: rules.get(assessmentRules).riskClueWorkingDays },
        };
      });
      return startAssessmentClocks(trx, wanted);
    });
    started += result;
  }
  return { clues: clues.length, started };
}
