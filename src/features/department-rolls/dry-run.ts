import type { Kysely } from 'kysely';
import type { RollDryRun, RollUploadQuery } from '../../contract/department-rolls/rolls.js';
import type { Actor } from '../../platform/access/actor.js';
import { maskIdNumber } from '../../platform/access/masking.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { type Analysis, analyseRoll, countLines, outcomeOf, rememberedMapping } from './analyse.js';
import type { SpreadsheetLimits } from './registry-reader.js';
import { errorSheet, type SheetLine, wordProblems } from './wording.js';
import { checkUploader } from './upload.js';

const shownLines = 200;

/**
 * Reads and matches a roll without storing it (the audit records that the uploader saw the
 * candidates): the mapping used and where it came from, the counts per level, and the first rows
 * that are not certain. The upload of the same file with the same mapping stores exactly this.
 */
async function analyse(
  db: Kysely<Database>,
  actor: Actor,
  input: RollUploadQuery,
  content: Buffer,
  limits: SpreadsheetLimits,
) {
  checkUploader(actor, input);
  const { result } = await unitOfWork(db, actor, 'rolls.dry_run', async (uow) => {
    const remembered = await rememberedMapping(uow.trx, actor, input);
    const analysis = await analyseRoll(uow.trx, actor, input, content, limits, { remembered, tolerant: true });
    uow.audit({
      entityType: 'department_roll',
      entityId: null,
      details: {
        department: input.department,
        kind: input.kind,
        fileName: input.fileName,
        rows: analysis.lines.length,
      },
    });
    return analysis;
  });
  return result;
}

function sheetLines(actor: Actor, analysis: Analysis): SheetLine[] {
  return analysis.lines.map((line) => {
    const outcome = outcomeOf(line);
    return {
      row: line.row,
      outcome,
      name: line.reading.name,
      idNumber: maskIdNumber(line.reading.idNumber),
      problems: wordProblems(
        actor.locale,
        analysis.byHeader,
        line.reading.ok ? [] : line.reading.problems,
        outcome === 'unmatched',
      ),
    };
  });
}

export async function dryRunRoll(
  db: Kysely<Database>,
  actor: Actor,
  input: RollUploadQuery,
  content: Buffer,
  limits: SpreadsheetLimits,
): Promise<RollDryRun> {
  const analysis = await analyse(db, actor, input, content, limits);
  const worded = sheetLines(actor, analysis);
  return {
    headers: analysis.headers,
    mapping: analysis.byHeader,
    mappingSource: analysis.source,
    missing: analysis.missing,
    counts: { ...countLines(analysis.lines), rows: analysis.rowCount },
    lines: analysis.lines
      .map((line, index) => ({ line, worded: worded[index]! }))
      .filter(({ line }) => line.matches.level !== 'certain')
      .slice(0, shownLines)
      .map(({ line, worded }) => ({
        row: line.row,
        outcome: worded.outcome,
        idNumber: worded.idNumber,
        name: worded.name,
        problems: worded.problems,
        level: line.matches.level,
        candidates: line.matches.candidates.map((c) => ({ name: c.childName, havenCode: c.havenCode, match: c.match })),
      })),
  };
}

/** The error sheet of a file before it is stored (the dry run's invalid and unmatched rows). */
export async function dryRunErrorSheet(
  db: Kysely<Database>,
  actor: Actor,
  input: RollUploadQuery,
  content: Buffer,
  limits: SpreadsheetLimits,
): Promise<Buffer> {
  const analysis = await analyse(db, actor, input, content, limits);
  return errorSheet(actor.locale, input.fileName, sheetLines(actor, analysis));
}
