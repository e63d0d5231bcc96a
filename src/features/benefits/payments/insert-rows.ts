import { sql } from 'kysely';
import type { UnitOfWork } from '../../../platform/db/unit-of-work.js';
import { systemScope } from '../../../core/scope/system-scope.js';

type Trx = UnitOfWork['trx'];

export interface LineRow {
  childId: string;
  applicationId: string;
  benefitType: string;
  nationalCategory: string;
  forMonth: string;
  standardFen: number;
  offsetFen: number;
  amountFen: number;
  arrears: boolean;
  rulesVersion: string;
}

export interface ChangeRow {
  childId: string;
  applicationId: string;
  benefitType: string;
  change: string;
  previousFen: number | null;
  amountFen: number | null;
  reason: string;
  params: Record<string, unknown>;
}

/*
 * A county's run writes tens of thousands of lines. As multi-row VALUES through the query builder,
 * compiling and binding 11 parameters per row took most of the run (issue 18's benchmark: 5 s of a
 * 7 s run for 6,250 lines); one array per column through unnest() is one statement with 11
 * parameters whatever the number of rows.
 */
export async function insertLines(trx: Trx, runId: string, rows: readonly LineRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof LineRow>(key: K) => rows.map((r) => r[key]);
  await sql`
    INSERT INTO benefit_payment_lines (run_id, child_id, application_id, benefit_type, national_category, for_month,
      standard_fen, offset_fen, amount_fen, arrears, rules_version)
    SELECT ${runId}::uuid, t.* FROM unnest(${column('childId')}::uuid[], ${column('applicationId')}::uuid[],
      ${column('benefitType')}::text[], ${column('nationalCategory')}::text[], ${column('forMonth')}::date[],
      ${column('standardFen')}::int[], ${column('offsetFen')}::int[], ${column('amountFen')}::int[],
      ${column('arrears')}::boolean[], ${column('rulesVersion')}::text[]) AS t
    WHERE ${systemScope('lines of the run being written, for children the run found in scope')}`.execute(trx);
}

export async function insertChanges(trx: Trx, runId: string, rows: readonly ChangeRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof ChangeRow>(key: K) => rows.map((r) => r[key]);
  await sql`
    INSERT INTO benefit_payment_changes (run_id, child_id, application_id, benefit_type, change, previous_fen,
      amount_fen, reason, params)
    SELECT ${runId}::uuid, t.* FROM unnest(${column('childId')}::uuid[], ${column('applicationId')}::uuid[],
      ${column('benefitType')}::text[], ${column('change')}::text[], ${column('previousFen')}::int[],
      ${column('amountFen')}::int[], ${column('reason')}::text[],
      ${rows.map((r) => JSON.stringify(r.params))}::jsonb[]) AS t
    WHERE ${systemScope('changes of the run being written, for children the run found in scope')}`.execute(trx);
}
