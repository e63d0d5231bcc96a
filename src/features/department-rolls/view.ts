import type { Kysely, Selectable } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import type { FactProposal, Match, RollSummary, RollView } from '../../contract/department-rolls/rolls.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import type { DepartmentRollsTable, FactProposalsTable } from './tables.js';
import { errorSheet, wordProblems } from './wording.js';
import './messages.js';

type Db = Kysely<Database>;
type RollRow = Selectable<DepartmentRollsTable>;

function summaryOf(row: RollRow): RollSummary {
  return {
    id: row.id,
    department: row.department,
    kind: row.kind,
    asOf: row.as_of,
    fileName: row.file_name,
    uploadedBy: row.uploaded_by_label,
    uploadedAt: row.created_at.toISOString(),
    rows: row.rows_total,
    matched: row.matched,
    unmatched: row.unmatched,
    invalid: row.invalid,
    proposals: row.proposals,
    levels: row.match_counts,
    columns: row.columns,
  };
}

/** My organisation's latest 50 rolls, newest first. */
export async function listRolls(db: Db, actor: Actor): Promise<RollSummary[]> {
  if (!actor.organisationId) return [];
  const rows = await db
    .selectFrom('department_rolls')
    .selectAll()
    .where('organisation_id', '=', actor.organisationId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map(summaryOf);
}

/**
 * A roll of my organisation with every row: unmatched and invalid ones listed with what is wrong
 * (the column as the file names it, in my language), matched ones with the children I may see.
 */
export async function readRoll(db: Db, actor: Actor, id: string): Promise<RollView> {
  const roll = await db
    .selectFrom('department_rolls')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', actor.organisationId ?? '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
  if (!roll) throw new DomainError('not_found', 404, { entity: translate(actor.locale, 'rolls.roll_entity'), id });
  const rows = await db
    .selectFrom('department_roll_rows')
    .selectAll()
    .where('roll_id', '=', id)
    .orderBy('row_number')
    .execute();
  const children = await db
    .selectFrom('fact_proposals')
    .innerJoin('children', 'children.id', 'fact_proposals.child_id')
    .select([
      'fact_proposals.id',
      'fact_proposals.row_number',
      'children.id as childId',
      'children.name',
      'children.haven_code',
      'fact_proposals.status',
      'fact_proposals.match',
    ])
    .where(childInScope(actor))
    .where('fact_proposals.roll_id', '=', id)
    .execute();
  const columns = roll.columns as Record<string, string>;
  return {
    ...summaryOf(roll),
    lines: rows.map((row) => ({
      row: row.row_number,
      outcome: row.outcome,
      level: row.match_level ?? (row.outcome === 'matched' ? 'certain' : null),
      idNumber: row.id_number_masked,
      name: row.name,
      problems: wordProblems(actor.locale, columns, row.problems, row.outcome === 'unmatched'),
      children: children
        .filter((child) => child.row_number === row.row_number)
        .map((child) => ({
          id: child.childId,
          name: child.name,
          havenCode: child.haven_code,
          proposalId: child.id,
          status: child.status,
          match: child.match ?? certain,
        })),
    })),
  };
}

/** The error sheet of a stored roll: its invalid rows with column and reason, and its unmatched rows. */
export async function rollErrorSheet(db: Db, actor: Actor, id: string): Promise<{ fileName: string; content: Buffer }> {
  const roll = await readRoll(db, actor, id);
  const content = await errorSheet(actor.locale, roll.fileName, roll.lines);
  return { fileName: roll.fileName.replace(/\.[^.]*$/, ''), content };
}

const certain: Match = { level: 'certain', score: 100, reasons: ['id_number'] };

export type ProposalRow = Selectable<FactProposalsTable> & {
  department: RollRow['department'];
  kind: RollRow['kind'];
  as_of: string;
  file_name: string;
};

export function proposalOf(row: ProposalRow, targetVersion: number | null): FactProposal {
  return {
    id: row.id,
    childId: row.child_id,
    status: row.status,
    version: row.version,
    fact: row.fact,
    match: row.match ?? certain,
    targetVersion,
    source: {
      rollId: row.roll_id,
      department: row.department,
      kind: row.kind,
      asOf: row.as_of,
      fileName: row.file_name,
      row: row.row_number,
    },
    proposedAt: row.created_at.toISOString(),
    decidedBy: row.decided_by_label,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionReason: row.decision_reason,
  };
}
