import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { socialOrganisationKinds } from '../../contract/projects/vocabulary.js';
import { computedIndicatorsIn } from './outputs.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Outputs of purchased-service projects running on `day` against their targets, for the insight
 * snapshots (counts only): per project, the sum of its targets and of what its recorded work
 * counts towards them by `day` (each indicator capped at its target), stored at the project's
 * first area. A target is for the whole term, so the share climbs through it.
 */
export async function projectOutputsOn(
  db: Db,
  day: string,
): Promise<{ areaCode: string; target: number; achieved: number }[]> {
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'provider_org_id', 'starts_on', 'ends_on', 'area_codes'])
    .where('starts_on', '<=', day)
    .where('ends_on', '>=', day)
    .execute();
  const found: { areaCode: string; target: number; achieved: number }[] = [];
  for (const project of projects) {
    const areaCode = [...project.area_codes].sort()[0];
    if (!areaCode) continue;
    const values = await computedIndicatorsIn(db, project, day);
    const target = values.reduce((sum, value) => sum + value.target, 0);
    if (target === 0) continue;
    const achieved = values.reduce((sum, value) => sum + Math.min(value.actual, value.target), 0);
    found.push({ areaCode, target, achieved });
  }
  return found;
}

/**
 * Licensed social workers of children's social organisations existing at `at` (as
 * `organisationsCountedAt` counts them), licensed in `at`'s year or before, per the division their
 * organisation sits at (insight snapshots; counts only). The licence year is the worker's history;
 * when the licence was entered in Haven is not.
 */
export async function socialWorkersAt(
  db: Db,
  at: Date,
  year: number,
): Promise<{ divisionCode: string; workers: number }[]> {
  const { rows } = await sql<{ divisionCode: string; workers: number }>`
    SELECT o.division_code AS "divisionCode", count(*)::int AS workers
    FROM social_worker_licences l JOIN organisations o ON o.id = l.organisation_id
    WHERE o.kind = ANY(${[...socialOrganisationKinds]}::text[]) AND o.created_at < ${at}
      AND (o.active OR o.updated_at > ${at}) AND l.licence_year <= ${year}
    GROUP BY 1`.execute(db);
  return rows;
}
