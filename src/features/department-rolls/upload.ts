import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { ProposedFact, RollUploadQuery } from '../../contract/department-rolls/rolls.js';
import { kindsOfDepartment, personRollKinds, type RollColumn } from '../../contract/department-rolls/vocabulary.js';
import type { Actor } from '../../platform/access/actor.js';
import { maskIdNumber } from '../../platform/access/masking.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { type IdNumberMatch, matchIdNumbersIn } from '../registry/service.js';
import {
  mapRollHeader,
  type RollMapping,
  type RowFact,
  type RowReading,
  readRollRow,
  requiredColumns,
} from './columns.js';
import { cellText, readSpreadsheetRows, type SpreadsheetLimits } from './registry-reader.js';
import './messages.js';
import './tables.js';

const headerSearchRows = 20;
const chunk = 1_000;

interface ReadRoll {
  columns: Partial<Record<RollColumn, string>>;
  rows: { row: number; reading: RowReading }[];
}

/** One pass of the ledger's reader over the first sheet that has a header with an ID number column. */
async function readRoll(content: Buffer, input: RollUploadQuery, limits: SpreadsheetLimits): Promise<ReadRoll> {
  let sheet: string | null = null;
  let mapping: RollMapping | null = null;
  let headerCells: string[] = [];
  let seen = 0;
  const rows: ReadRoll['rows'] = [];
  for await (const { sheet: name, row, cells } of readSpreadsheetRows(content, input.fileName, limits)) {
    if (sheet !== null && name !== sheet) continue;
    if (row === 0) continue;
    const texts = cells.map(cellText);
    if (texts.every((text) => text === '')) continue;
    if (!mapping) {
      seen += 1;
      const candidate = mapRollHeader(texts);
      if (candidate.idNumber !== undefined) {
        mapping = candidate;
        headerCells = texts;
        sheet = name;
      } else if (seen >= headerSearchRows) throw new DomainError('rolls.no_header', 400, { sheet: name });
      continue;
    }
    rows.push({ row, reading: readRollRow(input.kind, mapping, cells) });
  }
  if (!mapping) throw new DomainError('rolls.no_header', 400, { sheet: sheet ?? input.fileName });
  const found = mapping;
  const missing = requiredColumns(input.kind).filter((column) => found[column] === undefined);
  if (missing.length > 0)
    throw new DomainError('rolls.missing_columns', 400, {
      columns: missing.map((column) => translate('zh-CN', `rolls.column.${column}`)).join('、'),
    });
  if (rows.length === 0) throw new DomainError('rolls.empty', 400);
  const columns = Object.fromEntries(
    Object.entries(found).map(([column, index]) => [column, headerCells[index] ?? '']),
  ) as ReadRoll['columns'];
  return { columns, rows };
}

/** The row's fact with the family member the ID number was matched to (for a parent's roll). */
function proposedFactOf(fact: RowFact, match: IdNumberMatch): ProposedFact {
  if (fact.kind === 'imprisonment' || fact.kind === 'drug_rehabilitation')
    return { ...fact, memberId: match.memberId!, relation: match.relation!, memberName: match.memberName! };
  // The kind's two person variants share one member of RowFact, which narrowing does not remove.
  return fact as Exclude<ProposedFact, { memberId: string }>;
}

/**
 * Stores a department's roll and proposes, for every row matched to a child in the uploader's
 * scope, the fact it states. The same file for the same department, kind and date returns the
 * roll already stored (nothing new). A row for a child outside the scope reads as unmatched.
 */
export async function uploadRoll(
  db: Kysely<Database>,
  actor: Actor,
  input: RollUploadQuery,
  content: Buffer,
  limits: SpreadsheetLimits,
): Promise<{ rollId: string; created: boolean }> {
  const organisationId = actor.organisationId;
  if (!organisationId) throw new DomainError('rolls.needs_organisation', 400);
  if (!kindsOfDepartment[input.department].includes(input.kind))
    throw new DomainError('rolls.kind_not_of_department', 400, {
      department: translate(actor.locale, `rolls.department.${input.department}`),
    });
  const sha256 = createHash('sha256').update(content).digest('hex');
  const existing = () =>
    db
      .selectFrom('department_rolls')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('department', '=', input.department)
      .where('kind', '=', input.kind)
      .where('as_of', '=', input.asOf)
      .where('file_sha256', '=', sha256);
  const before = await existing().executeTakeFirst();
  if (before) return { rollId: before.id, created: false };
  const roll = await readRoll(content, input, limits);

  const { result } = await unitOfWork(db, actor, 'rolls.upload', async ({ trx, audit }) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`rolls:${organisationId}:${sha256}`}, 0))`.execute(trx);
    const again = await existing().executeTakeFirst();
    if (again) return { rollId: again.id, created: false };

    const ids = [...new Set(roll.rows.flatMap(({ reading }) => (reading.ok ? [reading.idNumber] : [])))];
    const whose = personRollKinds.includes(input.kind) ? 'member' : 'child';
    const matches = [];
    for (let i = 0; i < ids.length; i += chunk)
      matches.push(...(await matchIdNumbersIn(trx, actor, ids.slice(i, i + chunk), whose)));
    const byId = new Map<string, typeof matches>();
    for (const match of matches) byId.set(match.idNumber, [...(byId.get(match.idNumber) ?? []), match]);

    // A fact already proposed or accepted for the child (from an earlier roll) is not proposed again.
    const childIds = [...new Set(matches.map((match) => match.childId))];
    const known = new Set<string>();
    for (let i = 0; i < childIds.length; i += chunk) {
      const rows = await trx
        .selectFrom('fact_proposals')
        .innerJoin('children', 'children.id', 'fact_proposals.child_id')
        .select(['fact_proposals.child_id', 'fact_proposals.fact'])
        .where(childInScope(actor))
        .where('fact_proposals.child_id', 'in', childIds.slice(i, i + chunk))
        .where('fact_proposals.status', 'in', ['proposed', 'accepted'])
        .execute();
      for (const row of rows) known.add(`${row.child_id}:${JSON.stringify(row.fact)}`);
    }

    const lines: { row: number; outcome: 'matched' | 'unmatched' | 'invalid'; reading: RowReading }[] = [];
    const proposals: { child_id: string; row_number: number; fact: ProposedFact }[] = [];
    for (const { row, reading } of roll.rows) {
      if (!reading.ok) {
        lines.push({ row, outcome: 'invalid', reading });
        continue;
      }
      const found = byId.get(reading.idNumber) ?? [];
      lines.push({ row, outcome: found.length > 0 ? 'matched' : 'unmatched', reading });
      for (const match of found) {
        const fact = proposedFactOf(reading.fact, match);
        const key = `${match.childId}:${JSON.stringify(fact)}`;
        if (known.has(key)) continue;
        known.add(key);
        proposals.push({ child_id: match.childId, row_number: row, fact });
      }
    }
    const count = (outcome: string) => lines.filter((line) => line.outcome === outcome).length;
    const stored = await trx
      .insertInto('department_rolls')
      .values({
        organisation_id: organisationId,
        department: input.department,
        kind: input.kind,
        as_of: input.asOf,
        file_name: input.fileName,
        file_sha256: sha256,
        columns: JSON.stringify(roll.columns),
        rows_total: lines.length,
        matched: count('matched'),
        unmatched: count('unmatched'),
        invalid: count('invalid'),
        proposals: proposals.length,
        uploaded_by: actor.userId,
        uploaded_by_label: actor.label,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < lines.length; i += chunk)
      await trx
        .insertInto('department_roll_rows')
        .values(
          lines.slice(i, i + chunk).map(({ row, outcome, reading }) => ({
            roll_id: stored.id,
            row_number: row,
            outcome,
            id_number_masked: maskIdNumber(reading.idNumber),
            name: reading.name,
            problems: JSON.stringify(reading.ok ? [] : reading.problems),
          })),
        )
        .execute();
    for (let i = 0; i < proposals.length; i += chunk) {
      const inserted = await trx
        .insertInto('fact_proposals')
        .values(
          proposals
            .slice(i, i + chunk)
            .map((proposal) => ({ ...proposal, roll_id: stored.id, fact: JSON.stringify(proposal.fact) })),
        )
        .returning(['id', 'child_id', 'row_number', 'fact'])
        .execute();
      await recordTimeline(
        trx,
        actor,
        inserted.map((proposal) => ({
          childId: proposal.child_id,
          kind: 'fact.proposed',
          entityType: 'fact_proposal',
          entityId: proposal.id,
          after: proposal.fact as unknown as Record<string, unknown>,
          details: {
            department: input.department,
            rollId: stored.id,
            asOf: input.asOf,
            fileName: input.fileName,
            row: proposal.row_number,
          },
        })),
      );
    }
    audit({
      entityType: 'department_roll',
      entityId: stored.id,
      details: { department: input.department, kind: input.kind, rows: lines.length, proposals: proposals.length },
    });
    return { rollId: stored.id, created: true };
  });
  return result;
}
