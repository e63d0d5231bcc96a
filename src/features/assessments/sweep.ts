import { type Kysely, sql } from 'kysely';
import { guardianshipRulesSchema } from '../../contract/assessments/standard.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { systemActor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { incrementalWindow } from '../../platform/jobs/sweep-window.js';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { loadRuleSets, type RuleSetResolver } from '../../platform/rules/store.js';
import { type AssessmentClockToStart, startAssessmentClocks } from './clocks.js';
import { startRiskClueClocks } from './risk-clues.js';
import { assessmentRules } from './rule-sections.js';
import '../../core/clocks/tables.js';
import './tables.js';

type Db = Kysely<Database>;
/** How far back a full run looks for risk clues (a missed run is caught up by the next one). */
const clueWindowDays = 30;
/** An incremental run's clues start this long before the last run: a clue's transaction may commit late. */
const clueOverlapMs = 3_600_000;
const pageSize = 2000;
/** How often the sweep reads every child anyway (see incrementalWindow). */
export const assessmentFullPassDays = 7;
const nil = '00000000-0000-0000-0000-000000000000';

/**
 * When to assess, as clocks (DOMAIN.md §8): every scattered orphan and de facto unsupported child
 * keeps an `assessment.periodic` clock (2 years from its latest assessment, or from the category's
 * start when never assessed); a key-attention visit or a report about a child not assessed since
 * starts `assessment.risk_clue` (5 working days) from the clue. Idempotent. A run reads only the
 * children marked since the last one (their status, residence, categories, assignment or
 * assessments changed: migration 0180) and the clues recorded since; every child of the periodic
 * categories and the clues of 30 days on the first run, once a week and when rule sets changed.
 */
export const assessmentScheduleSweep: Sweep = {
  name: 'assessments.schedule',
  async run(db, asOf) {
    const day = shanghaiDateOf(asOf);
    const resolver = await loadRuleSets(db);
    const window = await incrementalWindow(db, assessmentScheduleSweep.name, asOf, assessmentFullPassDays);
    const context = { day, resolver };
    const { periodic, children } = await periodicPass(db, context, window ? 'marks' : 'every child');
    const monthAgo = asOf.getTime() - clueWindowDays * 86_400_000;
    const from = new Date(window ? Math.max(monthAgo, window.lastAsOf.getTime() - clueOverlapMs) : monthAgo);
    const clues = await startRiskClueClocks(db, { from, until: asOf, day, resolver });
    return { periodic, riskClue: clues.started, children, clues: clues.clues, full: window ? 0 : 1 };
  },
};

interface Context {
  day: string;
  resolver: RuleSetResolver;
}

/** Every active child of the periodic categories in pages by id, or the children marked since the last run. */
async function periodicPass(
  db: Db,
  context: Context,
  which: 'marks' | 'every child',
): Promise<{ periodic: number; children: number }> {
  const totals = { periodic: 0, children: 0 };
  let after = nil;
  for (;;) {
    const page = await periodicPage(db, context, which === 'marks' ? 'marks' : { after });
    totals.periodic += page.started;
    totals.children += page.seen;
    if (which === 'marks' ? page.marks < pageSize : page.seen < pageSize || !page.last) return totals;
    after = page.last ?? after;
  }
}

/**
 * The children of a page who are active, in one of the periodic categories of their place and have
 * no running periodic clock get one: 2 years from their latest assessment, else from their
 * categories' start. Candidates by the default categories (an index-friendly filter).
 */
async function periodicPage(
  db: Db,
  context: Context,
  where: 'marks' | { after: string },
): Promise<{ seen: number; started: number; last?: string; marks: number }> {
  const categories = guardianshipRulesSchema.parse({}).periodicCategories;
  const { day, resolver } = context;
  const actor = systemActor('sweep:assessments.schedule');
  const { result } = await unitOfWork(db, actor, 'assessments.schedule', async ({ trx }) => {
    // The marks this page settles go in its transaction: a failed page leaves them for the next run.
    const taken =
      where === 'marks'
        ? (
            await sql<{ child_id: string }>`
              DELETE FROM assessment_schedule_dirty
              WHERE ctid = ANY(ARRAY(SELECT ctid FROM assessment_schedule_dirty LIMIT ${pageSize}))
              RETURNING child_id`.execute(trx)
          ).rows
        : [];
    const marks = [...new Set(taken.map((row) => row.child_id))];
    // Paged by id, the clock probe is bounded below too: else a merge anti-join reads every
    // periodic clock from the first child on each page (quadratic over a province's first run).
    const bound = where === 'marks' ? nil : where.after;
    const query = trx
      .selectFrom('children as c')
      .where(systemScope('the assessment sweep looks at the active children of the periodic categories'))
      .select([
        'c.id',
        'c.residence_code',
        sql<string[]>`ARRAY(SELECT category FROM child_categories cc WHERE cc.child_id = c.id AND cc.state = 'confirmed'
            AND (cc.end_date IS NULL OR cc.end_date > ${day}::date))`.as('categories'),
        sql<Date | null>`(SELECT max(created_at) FROM guardianship_assessments g WHERE g.child_id = c.id)`.as('last'),
        sql<
          string | null
        >`(SELECT min(start_date)::text FROM child_categories cc WHERE cc.child_id = c.id AND cc.state = 'confirmed')`.as(
          'since',
        ),
      ])
      .where('c.status', '=', 'active')
      .where('c.merged_into', 'is', null)
      .where(
        sql<boolean>`EXISTS (SELECT 1 FROM child_categories cc WHERE cc.child_id = c.id AND cc.state = 'confirmed'
          AND (cc.end_date IS NULL OR cc.end_date > ${day}::date) AND cc.category IN (${sql.join(categories)}))`,
      )
      .where(
        sql<boolean>`NOT EXISTS (SELECT 1 FROM clocks k WHERE k.child_id = c.id AND k.child_id > ${bound}::uuid
          AND k.subject_type = 'assessment' AND k.rule = 'assessment.periodic' AND k.state IN ('running', 'paused'))`,
      );
    const due =
      where === 'marks'
        ? marks.length === 0
          ? []
          : await query.where('c.id', '=', sql<string>`ANY(${marks}::uuid[])`).execute()
        : await query.where('c.id', '>', where.after).orderBy('c.id').limit(pageSize).execute();
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
    const started = await startAssessmentClocks(trx, wanted);
    return { seen: where === 'marks' ? marks.length : due.length, started, last: due.at(-1)?.id, marks: taken.length };
  });
  return result;
}
