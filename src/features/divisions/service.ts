import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import type { DivisionFileMeta, DivisionRow } from './data-file.js';
import {
  applyDatasetChanges,
  isDatasetRecorded,
  latestDataset,
  lockDivision,
  lockDivisionLoads,
  recordDataset,
  setSuccessor,
} from './dataset-store.js';
import './messages.js';
import type {
  ChildrenResponse,
  DivisionDetail,
  DivisionRef,
  SearchHit,
  SearchMatch,
  SearchQuery,
} from '../../contract/divisions/divisions.js';
import {
  ancestorCodes,
  type DatasetChanges,
  datasetProblems,
  datasetValidFrom,
  diffDataset,
  isEmptyChange,
  normaliseDivisionCode,
  parseDivisionQuery,
  provinceCode,
  subtreePrefix,
} from './rules.js';
import {
  type DivisionRecord,
  findDivision,
  findDivisions,
  hasChildren,
  listCurrentChildren,
  listHistory,
  readProvince,
  searchDivisions,
} from './store.js';

/** A division code as typed (12 digits, or a 2/4/6/9-digit prefix), or a 400 naming it. */
export function parseDivisionCode(input: string): string {
  const code = normaliseDivisionCode(input);
  if (code === undefined) throw new DomainError('divisions.invalid_code', 400, { code: input });
  return code;
}

async function requireDivision(db: Kysely<Database>, actor: Actor, code: string): Promise<DivisionRecord> {
  const row = await findDivision(db, code);
  // not_found's message interpolates the entity as given, so it is named in the caller's language.
  if (row === undefined) throw notFound(translate(actor.locale, 'divisions.entity'), code);
  return row;
}

const refOf = (row: DivisionRecord): DivisionRef => ({ code: row.code, name: row.name, level: row.level });
const pathText = (path: readonly DivisionRef[]) => path.map((step) => step.name).join(' / ');

/** The path from the province down to each division, for many divisions in one query. */
async function pathsOf(db: Kysely<Database>, rows: readonly DivisionRecord[]): Promise<Map<string, DivisionRef[]>> {
  const wanted = rows.flatMap((row) => [
    ...ancestorCodes(row.code),
    ...(row.parentCode === null ? [] : [row.parentCode]),
  ]);
  const known = new Map((await findDivisions(db, wanted)).map((row) => [row.code, row]));
  const paths = new Map<string, DivisionRef[]>();
  for (const row of rows) {
    const path: DivisionRef[] = [];
    // Walks parent links rather than code prefixes: a township may sit directly under a city.
    for (
      let at: DivisionRecord | undefined = row;
      at !== undefined && path.length < 5;
      at = at.parentCode === null ? undefined : known.get(at.parentCode)
    ) {
      path.unshift(refOf(at));
    }
    paths.set(row.code, path);
  }
  return paths;
}

export async function getDivision(db: Kysely<Database>, actor: Actor, input: string): Promise<DivisionDetail> {
  const row = await requireDivision(db, actor, parseDivisionCode(input));
  const [paths, history, children] = await Promise.all([
    pathsOf(db, [row]),
    listHistory(db, row.code),
    hasChildren(db, row.code),
  ]);
  const path = paths.get(row.code) ?? [refOf(row)];
  return { ...row, current: row.validTo === null, hasChildren: children, path, pathText: pathText(path), history };
}

/** One level of the tree for a lazy cascader: the provinces when `input` is null. */
export async function listDivisionChildren(
  db: Kysely<Database>,
  actor: Actor,
  input: string | null,
): Promise<ChildrenResponse> {
  const parent = input === null ? null : await requireDivision(db, actor, parseDivisionCode(input));
  const rows = await listCurrentChildren(db, parent?.code ?? null);
  return {
    parent: parent === null ? null : refOf(parent),
    items: rows.map((row) => ({
      code: row.code,
      name: row.name,
      shortName: row.shortName,
      level: row.level,
      hasChildren: row.hasChildren,
    })),
  };
}

const matchNames: readonly SearchMatch[] = ['exact', 'prefix', 'substring', 'fuzzy'];

export async function findDivisionsByText(
  db: Kysely<Database>,
  actor: Actor,
  query: SearchQuery,
): Promise<{ items: SearchHit[] }> {
  const within =
    query.within === undefined ? undefined : await requireDivision(db, actor, parseDivisionCode(query.within));
  const parsed = parseDivisionQuery(query.q);
  if (parsed === undefined) return { items: [] };
  const rows = await searchDivisions(db, parsed, within === undefined ? '' : subtreePrefix(within.code), query.limit);
  const paths = await pathsOf(db, rows);
  return {
    items: rows.map((row) => {
      const path = paths.get(row.code) ?? [refOf(row)];
      return {
        ...refOf(row),
        shortName: row.shortName,
        match: matchNames[row.tier] ?? 'fuzzy',
        path,
        pathText: pathText(path),
      };
    }),
  };
}

/** Records which current division took over a closed one (a merger the data could not show). */
export async function recordDivisionSuccessor(
  db: Kysely<Database>,
  actor: Actor,
  input: string,
  successorInput: string,
): Promise<DivisionDetail> {
  const code = parseDivisionCode(input);
  const successor = parseDivisionCode(successorInput);
  await unitOfWork(db, actor, 'divisions.successor', async ({ trx, audit }) => {
    const row = await lockDivision(trx, code);
    if (row === undefined) throw notFound(translate(actor.locale, 'divisions.entity'), code);
    if (row.validTo === null) throw new DomainError('divisions.still_current', 409, { code });
    const next = successor === code ? undefined : await findDivision(trx, successor);
    if (next === undefined || next.validTo !== null)
      throw new DomainError('divisions.successor_invalid', 422, { code, successor });
    await setSuccessor(trx, code, successor);
    audit({ entityType: 'division', entityId: code, details: { before: row.successorCode, after: successor } });
  });
  return getDivision(db, actor, code);
}

export interface DatasetReport {
  province: string;
  codeYear: number;
  divisions: number;
  added: number;
  changed: number;
  reopened: number;
  closed: number;
  unchanged: number;
  /** True when the database already held exactly this dataset: nothing was written. */
  upToDate: boolean;
}

function reportOf(meta: DivisionFileMeta, rows: number, changes: DatasetChanges, upToDate: boolean): DatasetReport {
  const { added, changed, reopened, closed, unchanged } = changes;
  return {
    province: meta.province,
    codeYear: meta.codeYear,
    divisions: rows,
    added: added.length,
    changed: changed.length,
    reopened: reopened.length,
    closed: closed.length,
    unchanged,
    upToDate,
  };
}

async function planLoad(
  db: Kysely<Database>,
  meta: DivisionFileMeta,
  rows: readonly DivisionRow[],
): Promise<DatasetChanges> {
  const latest = await latestDataset(db, meta.province);
  if (latest !== undefined && latest.codeYear > meta.codeYear) {
    throw new DomainError('divisions.dataset_older', 409, {
      province: meta.province,
      loadedYear: latest.codeYear,
      codeYear: meta.codeYear,
    });
  }
  return diffDataset(await readProvince(db, meta.province), rows);
}

/**
 * Brings a province up to a dataset: new codes are added, renamed ones keep their earlier names
 * as history, vanished ones are closed (with a successor when one can be inferred), never deleted.
 * Loading the same dataset again writes nothing.
 */
export async function loadDivisionDataset(
  db: Kysely<Database>,
  actor: Actor,
  dataset: { meta: DivisionFileMeta; rows: readonly DivisionRow[] },
  expectedProvince: string = dataset.meta.province,
  log: (line: string) => void = () => undefined,
): Promise<DatasetReport> {
  const { meta, rows } = dataset;
  const province = provinceCode(expectedProvince);
  if (province === undefined) throw new DomainError('divisions.invalid_province', 400, { code: expectedProvince });
  if (provinceCode(meta.province) !== province) {
    throw new DomainError('divisions.dataset_mismatch', 422, {
      fileProvince: meta.province,
      province: subtreePrefix(province),
    });
  }
  const problems = datasetProblems(province, rows);
  if (problems.length > 0) throw new DomainError('divisions.dataset_invalid', 422, { problems: problems.join('; ') });
  const validFrom = datasetValidFrom(meta.codeYear);

  log('Comparing with the database…');
  const preview = await planLoad(db, meta, rows);
  if (isEmptyChange(preview) && (await isDatasetRecorded(db, meta))) return reportOf(meta, rows.length, preview, true);
  const { added, changed, reopened, closed } = preview;
  log(
    `Writing ${added.length} new, ${changed.length} changed, ${reopened.length} reopened, ${closed.length} closed (valid from ${validFrom})…`,
  );

  const { result } = await unitOfWork(db, actor, 'divisions.load', async ({ trx, audit }) => {
    await lockDivisionLoads(trx);
    // Planned again under the lock: another load may have committed since the preview.
    const changes = await planLoad(trx, meta, rows);
    await applyDatasetChanges(trx, changes, validFrom);
    await recordDataset(trx, meta, validFrom, rows.length, changes);
    const report = reportOf(meta, rows.length, changes, false);
    audit({
      entityType: 'division_dataset',
      entityId: `${meta.province}-${meta.codeYear}`,
      details: {
        ...report,
        source: `${meta.source}@${meta.version}`,
        changedCodes: changes.changed.map((c) => c.incoming.code).slice(0, 500),
        reopenedCodes: changes.reopened.map((c) => c.incoming.code).slice(0, 500),
        closedCodes: changes.closed.map((c) => c.before.code).slice(0, 500),
      },
    });
    return report;
  });
  return result;
}
