import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { Match, ProposedFact, RollUploadQuery } from '../../contract/department-rolls/rolls.js';
import { kindsOfDepartment } from '../../contract/department-rolls/vocabulary.js';
import type { Actor } from '../../platform/access/actor.js';
import { maskIdNumber } from '../../platform/access/masking.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { analyseRoll, countLines, outcomeOf, rememberedMapping } from './analyse.js';
import type { RowFact } from './columns.js';
import type { Candidate } from './matching.js';
import type { SpreadsheetLimits } from './registry-reader.js';
import './messages.js';
import './tables.js';

const chunk = 1_000;

/** The row's fact with the family member it was matched to (for a parent's roll). */
function proposedFactOf(fact: RowFact, candidate: Candidate): ProposedFact {
  const member = { memberId: candidate.memberId!, relation: candidate.relation!, memberName: candidate.memberName! };
  if (fact.kind === 'imprisonment' || fact.kind === 'drug_rehabilitation' || fact.kind === 'death')
    return { ...fact, ...member };
  // The kind's person variants share one member of RowFact, which narrowing does not remove.
  return fact as Exclude<ProposedFact, { memberId: string }>;
}

export function checkUploader(actor: Actor, input: RollUploadQuery): string {
  if (!actor.organisationId) throw new DomainError('rolls.needs_organisation', 400);
  if (!kindsOfDepartment[input.department].includes(input.kind))
    throw new DomainError('rolls.kind_not_of_department', 400, {
      department: translate(actor.locale, `rolls.department.${input.department}`),
    });
  return actor.organisationId;
}

/**
 * Stores a department's roll inside the caller's unit of work and proposes, for every candidate
 * child in the uploader's scope, the fact the row states with how sure the match is. The same file
 * for the same department, kind and date returns the roll already stored (nothing new). The
 * mapping used is remembered for this organisation's next roll of the kind.
 */
export async function uploadRollIn(
  uow: UnitOfWork,
  input: RollUploadQuery,
  content: Buffer,
  limits: SpreadsheetLimits,
): Promise<{ rollId: string; created: boolean }> {
  const { trx, actor } = uow;
  const organisationId = checkUploader(actor, input);
  const sha256 = createHash('sha256').update(content).digest('hex');
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`rolls:${organisationId}:${sha256}`}, 0))`.execute(trx);
  const again = await trx
    .selectFrom('department_rolls')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('department', '=', input.department)
    .where('kind', '=', input.kind)
    .where('as_of', '=', input.asOf)
    .where('file_sha256', '=', sha256)
    .executeTakeFirst();
  if (again) return { rollId: again.id, created: false };
  const remembered = await rememberedMapping(trx, actor, input);
  const roll = await analyseRoll(trx, actor, input, content, limits, { remembered, tolerant: false });
  if (roll.missing.length > 0)
    throw new DomainError('rolls.missing_columns', 400, {
      columns: roll.missing.map((column) => translate(actor.locale, `rolls.column.${column}`)).join('、'),
    });
  if (roll.lines.length === 0) throw new DomainError('rolls.empty', 400);

  // A fact already proposed or accepted for the child (from an earlier roll) is not proposed again.
  const childIds = [...new Set(roll.lines.flatMap((l) => l.matches.candidates.map((c) => c.childId)))];
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
  const proposals: { child_id: string; row_number: number; fact: ProposedFact; match: Match }[] = [];
  for (const { row, reading, matches } of roll.lines) {
    if (!reading.ok) continue;
    for (const candidate of matches.candidates) {
      const fact = proposedFactOf(reading.fact, candidate);
      const key = `${candidate.childId}:${JSON.stringify(fact)}`;
      if (known.has(key)) continue;
      known.add(key);
      proposals.push({ child_id: candidate.childId, row_number: row, fact, match: candidate.match });
    }
  }
  const counts = countLines(roll.lines);
  const stored = await trx
    .insertInto('department_rolls')
    .values({
      organisation_id: organisationId,
      department: input.department,
      kind: input.kind,
      as_of: input.asOf,
      file_name: input.fileName,
      file_sha256: sha256,
      columns: JSON.stringify(roll.byHeader),
      rows_total: counts.rows,
      matched: counts.certain + counts.strong + counts.weak + counts.ambiguous,
      unmatched: counts.unmatched,
      invalid: counts.invalid,
      proposals: proposals.length,
      match_counts: JSON.stringify({
        certain: counts.certain,
        strong: counts.strong,
        weak: counts.weak,
        ambiguous: counts.ambiguous,
      }),
      uploaded_by: actor.userId,
      uploaded_by_label: actor.label,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('department_roll_mappings')
    .values({
      organisation_id: organisationId,
      department: input.department,
      kind: input.kind,
      mapping: JSON.stringify(roll.byHeader),
      updated_by: actor.userId,
    })
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'department', 'kind'])
        .doUpdateSet({ mapping: JSON.stringify(roll.byHeader), updated_by: actor.userId, updated_at: new Date() }),
    )
    .execute();
  for (let i = 0; i < roll.lines.length; i += chunk)
    await trx
      .insertInto('department_roll_rows')
      .values(
        roll.lines.slice(i, i + chunk).map((line) => ({
          roll_id: stored.id,
          row_number: line.row,
          outcome: outcomeOf(line),
          match_level: line.matches.level,
          id_number_masked: maskIdNumber(line.reading.idNumber),
          name: line.reading.name,
          problems: JSON.stringify(line.reading.ok ? [] : line.reading.problems),
        })),
      )
      .execute();
  for (let i = 0; i < proposals.length; i += chunk) {
    const inserted = await trx
      .insertInto('fact_proposals')
      .values(
        proposals.slice(i, i + chunk).map((proposal) => ({
          ...proposal,
          roll_id: stored.id,
          fact: JSON.stringify(proposal.fact),
          match: JSON.stringify(proposal.match),
        })),
      )
      .returning(['id', 'child_id', 'row_number', 'fact', 'match'])
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
          match: proposal.match?.level ?? 'certain',
        },
      })),
    );
  }
  uow.audit({
    entityType: 'department_roll',
    entityId: stored.id,
    details: { department: input.department, kind: input.kind, rows: counts.rows, proposals: proposals.length },
  });
  return { rollId: stored.id, created: true };
}

export async function uploadRoll(
  db: Kysely<Database>,
  actor: Actor,
  input: RollUploadQuery,
  content: Buffer,
  limits: SpreadsheetLimits,
): Promise<{ rollId: string; created: boolean }> {
  checkUploader(actor, input);
  const { result } = await unitOfWork(db, actor, 'rolls.upload', (uow) => uploadRollIn(uow, input, content, limits));
  return result;
}
