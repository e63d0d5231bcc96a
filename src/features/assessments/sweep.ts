import { sql } from 'kysely';
import { systemScope } from '../../core/scope/system-scope.js';
import { systemActor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import { keyAttentionVisitsIn } from '../visits/service.js';
import { type AssessmentClockToStart, startAssessmentClock, startAssessmentClocks } from './clocks.js';
import { assessmentRules } from './rule-sections.js';
import { guardianshipRulesSchema } from '../../contract/assessments/standard.js';
import '../../core/clocks/tables.js';
import '../../core/tables/reports.js';
import './tables.js';

/** How far back a sweep looks for risk clues (a missed run is caught up by the next one). */
const clueWindowDays = 30;
const pageSize = 2000;

/**
 * When to assess, as clocks (DOMAIN.md §8): every scattered orphan and de facto unsupported child
 * keeps an `assessment.periodic` clock (2 years from its latest assessment, or from the category's
 * start when never assessed); a key-attention visit or a report about a child not assessed since
 * starts `assessment.risk_clue` (5 working days) from the clue. Idempotent.
 */
export const assessmentScheduleSweep: Sweep = {
  name: 'assessments.schedule',
  async run(db, asOf) {
    const actor = systemActor('sweep:assessments.schedule');
    const day = shanghaiDateOf(asOf);
    const resolver = await loadRuleSets(db);
    // Candidates by the default categories (an index-friendly filter); each child's own place decides below.
    const categories = guardianshipRulesSchema.parse({}).periodicCategories;
    const totals = { periodic: 0, riskClue: 0 };
    // The periodic pass in pages of children, each its own transaction: a province's first run starts
    // hundreds of thousands of clocks, and a page is a few statements whatever its size.
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { result } = await unitOfWork(db, actor, 'assessments.schedule', async ({ trx }) => {
        const due = await trx
          .selectFrom('children as c')
          .where(systemScope('the assessment sweep looks at every active child of the periodic categories'))
          .select([
            'c.id',
            'c.residence_code',
            sql<
              string[]
            >`ARRAY(SELECT category FROM child_categories cc WHERE cc.child_id = c.id AND cc.state = 'confirmed'
              AND (cc.end_date IS NULL OR cc.end_date > ${day}::date))`.as('categories'),
            sql<Date | null>`(SELECT max(created_at) FROM guardianship_assessments g WHERE g.child_id = c.id)`.as(
              'last',
            ),
            sql<
              string | null
            >`(SELECT min(start_date)::text FROM child_categories cc WHERE cc.child_id = c.id AND cc.state = 'confirmed')`.as(
              'since',
            ),
          ])
          .where('c.status', '=', 'active')
          .where('c.merged_into', 'is', null)
          .where('c.id', '>', after)
          .where(
            sql<boolean>`EXISTS (SELECT 1 FROM child_categories cc WHERE cc.child_id = c.id AND cc.state = 'confirmed'
              AND (cc.end_date IS NULL OR cc.end_date > ${day}::date) AND cc.category IN (${sql.join(categories)}))`,
          )
          .where(
            sql<boolean>`NOT EXISTS (SELECT 1 FROM clocks k WHERE k.child_id = c.id AND k.subject_type = 'assessment'
              AND k.rule = 'assessment.periodic' AND k.state IN ('running', 'paused'))`,
          )
          .orderBy('c.id')
          .limit(pageSize)
          .execute();
        const wanted: AssessmentClockToStart[] = [];
        for (const child of due) {
          const rules = resolver.for(child.residence_code, day);
          const section = rules.get(assessmentRules);
          if (!child.categories.some((c) => (section.periodicCategories as string[]).includes(c))) continue;
          const from = child.last ? new Date(child.last) : new Date(`${child.since ?? day}T00:00:00+08:00`);
          wanted.push({
            rules,
            childId: child.id,
            rule: 'assessment.periodic',
            from,
            duration: { days: section.periodicEveryDays },
          });
        }
        totals.periodic += await startAssessmentClocks(trx, wanted);
        return { seen: due.length, last: due.at(-1)?.id };
      });
      if (result.seen < pageSize || !result.last) break;
      after = result.last;
    }
    await unitOfWork(db, actor, 'assessments.schedule', async ({ trx }) => {
      const windowStart = new Date(asOf.getTime() - clueWindowDays * 86_400_000);
      const reports = await trx
        .selectFrom('reports')
        .where(systemScope('the assessment sweep reads the reports received in a window'))
        .select(['child_id', (eb) => eb.fn.max('reported_at').as('at')])
        .where('child_id', 'is not', null)
        .where('reported_at', '>', windowStart)
        .where('reported_at', '<=', asOf)
        .groupBy('child_id')
        .execute();
      const clues = [
        ...(await keyAttentionVisitsIn(trx, windowStart, asOf)),
        ...reports.map((r) => ({ childId: r.child_id as string, recordedAt: new Date(r.at as Date) })),
      ];
      for (const clue of clues) {
        const answered = await trx
          .selectFrom('children as c')
          .where(systemScope('a child named by a risk clue the sweep read'))
          .select([
            'c.residence_code',
            'c.status',
            sql<boolean>`EXISTS (SELECT 1 FROM guardianship_assessments g WHERE g.child_id = c.id AND g.created_at >= ${clue.recordedAt})
              OR EXISTS (SELECT 1 FROM clocks k WHERE k.subject_id = c.id AND k.rule = 'assessment.risk_clue'
                AND k.subject_type = 'assessment' AND k.started_at >= ${clue.recordedAt})`.as('answered'),
          ])
          .where('c.id', '=', clue.childId)
          .executeTakeFirst();
        if (!answered || answered.answered || answered.status !== 'active') continue;
        const rules = resolver.for(answered.residence_code, day);
        const started = await startAssessmentClock(trx, rules, clue.childId, 'assessment.risk_clue', clue.recordedAt, {
          workingDays: rules.get(assessmentRules).riskClueWorkingDays,
        });
        if (started) totals.riskClue += 1;
      }
    });
    return totals;
  },
};
