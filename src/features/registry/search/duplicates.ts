import { type Kysely, sql, type Transaction } from 'kysely';
import { shanghaiDateOf } from '../../../platform/calendar/iso-date.js';
import type { Database } from '../../../platform/db/schema.js';
import { loadRuleSets } from '../../../platform/rules/store.js';
import { gramsOf, pinyinKeysOf } from '../search-keys.js';
import { candidatePairs, type DraftKeys } from './duplicate-store.js';
import { duplicateRulesSection } from './rule-sections.js';
import {
  birthWindow,
  type CandidateFacts,
  type DraftFacts,
  type DuplicateRules,
  orderedPair,
  scoreDuplicate,
} from './rules.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface DuplicateDraft {
  name: string;
  birthDate: string | null;
  idNumber: string | null;
  residenceCode: string;
  guardianNames?: string[];
  guardianPhones?: string[];
  /** The draft's own file, when it is written already (an import searches after writing a batch): never its own candidate. */
  fileId?: string;
}

export interface DuplicateCandidate {
  childId: string;
  score: number;
  reasons: Array<{ code: string; params?: Record<string, unknown> }>;
}

/** At most this many candidates per draft, best first: a reviewer reads them, a list of 200 helps no one. */
const perDraftLimit = 10;

const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/**
 * Whether two files with different ID numbers, of the same name (or pinyin) in the same county and
 * born at unrelated dates, can reach the proposal threshold on a shared guardian name alone (with a
 * shared phone the phone branch finds them anyway). With the built-in weights they cannot (40 + 15
 * + 20 − 40 < 50), which spares looking up the family of every same-name child of the county.
 */
function guardianNameOutweighsIds(rules: DuplicateRules): boolean {
  const w = rules.weights;
  const best =
    Math.max(w.same_name, w.former_name, w.same_pinyin) +
    Math.max(0, w.same_village, w.same_township, w.same_county) +
    w.shared_guardian_name +
    w.different_id_numbers;
  return Math.min(100, best) >= rules.minScore;
}

function keysOf(draft: DuplicateDraft, fuzzy: boolean, rules: DuplicateRules): DraftKeys {
  const window = draft.birthDate ? birthWindow(draft.birthDate) : null;
  const phones = (draft.guardianPhones ?? []).map(digitsOf).filter((phone) => phone.length >= 5);
  return {
    name: draft.name.trim(),
    pinyin: pinyinKeysOf(draft.name)[0] ?? null,
    birthDate: draft.birthDate,
    windowFrom: window?.from ?? null,
    windowTo: window?.to ?? null,
    swapped: window?.swapped ?? null,
    idNumber: draft.idNumber?.trim().toUpperCase() || null,
    county: draft.residenceCode.slice(0, 6),
    phones: [...new Set(phones)],
    guardianNames: [...new Set((draft.guardianNames ?? []).map((name) => name.trim()).filter(Boolean))],
    guardianNameOutweighsIds: guardianNameOutweighsIds(rules),
    fileId: draft.fileId ?? null,
    ...(fuzzy ? { grams: gramsOf(draft.name) } : {}),
  };
}

/**
 * Possible existing files of the same child, for each draft (same order). Not limited by the
 * actor's scope: a child registered in another county is exactly what must be found. What the
 * actor is then shown is decided by presentCandidates.
 */
async function find(
  db: Db,
  drafts: readonly DuplicateDraft[],
  excludeIds: readonly string[],
  fuzzy: boolean,
): Promise<DuplicateCandidate[][]> {
  const ruleSets = await loadRuleSets(db);
  const today = shanghaiDateOf(new Date());
  // Resolved once per place, not once per pair (an import batch has thousands of pairs, a few places).
  const byPlace = new Map<string, DuplicateRules>();
  const rulesFor = (code: string): DuplicateRules => {
    const known = byPlace.get(code);
    if (known) return known;
    const found = ruleSets.for(code, today).get(duplicateRulesSection);
    byPlace.set(code, found);
    return found;
  };
  const keys = drafts.map((draft) => keysOf(draft, fuzzy, rulesFor(draft.residenceCode)));
  const { pairs, children, family } = await candidatePairs(db, keys, excludeIds);
  const results: DuplicateCandidate[][] = drafts.map(() => []);
  for (const { idx, childId } of pairs) {
    const draft = drafts[idx]!;
    const key = keys[idx]!;
    const child = children.get(childId);
    if (!child) continue;
    const members = family.get(childId) ?? [];
    const phones = new Set(key.phones);
    const guardianNames = new Set((draft.guardianNames ?? []).map((name) => name.trim()).filter(Boolean));
    const draftFacts: DraftFacts = {
      name: key.name,
      pinyin: key.pinyin,
      birthDate: key.birthDate,
      idNumber: key.idNumber,
      residenceCode: draft.residenceCode,
    };
    const candidate: CandidateFacts = {
      name: child.name,
      formerNames: child.former_names,
      pinyin: child.pinyin || null,
      birthDate: child.birth_date,
      idNumber: child.id_number,
      residenceCode: child.residence_code,
      sharedGuardianPhone: members.some((member) => member.phone !== null && phones.has(digitsOf(member.phone))),
      sharedGuardianName: members.some((member) => guardianNames.has(member.name)),
    };
    const scored = scoreDuplicate(draftFacts, candidate, rulesFor(draft.residenceCode));
    if (scored) results[idx]!.push({ childId, score: scored.score, reasons: scored.reasons });
  }
  return results.map((list) =>
    list.sort((a, b) => b.score - a.score || a.childId.localeCompare(b.childId)).slice(0, perDraftLimit),
  );
}

/** Candidates for one draft (create, edit), including names one character apart and former names. */
export async function findDuplicateCandidates(
  db: Db,
  draft: DuplicateDraft,
  options: { excludeChildIds?: string[] } = {},
): Promise<DuplicateCandidate[]> {
  const [candidates] = await find(db, [draft], options.excludeChildIds ?? [], true);
  return candidates ?? [];
}

/**
 * Candidates for a batch of import drafts (same order), in one statement per call: joins on ID,
 * (name | full pinyin, birth window) and (name | pinyin, county) use indexes, so a batch of 1,000
 * costs about as much as a few single lookups. Names one character apart and former names are
 * left to the single check and the sweep.
 */
export async function findDuplicatesForDrafts(
  db: Db,
  drafts: readonly DuplicateDraft[],
): Promise<DuplicateCandidate[][]> {
  return find(db, drafts, [], false);
}

/**
 * Stores a child's candidates for the review queue. A pair already decided (not the same, merged)
 * stays decided: that decision is remembered and the pair is never proposed again.
 */
export async function recordDuplicateCandidates(
  trx: Transaction<Database>,
  childId: string,
  candidates: readonly DuplicateCandidate[],
): Promise<number> {
  return recordCandidateRows(trx, [{ childId, candidates }]);
}

/**
 * The candidates of many new children in one statement (an import batch): the same as recording
 * each child's in turn, so a pair found from both of its children keeps what was found last.
 */
export async function recordDuplicateCandidatesOfMany(
  trx: Transaction<Database>,
  found: ReadonlyArray<{ childId: string; candidates: readonly DuplicateCandidate[] }>,
): Promise<number> {
  return recordCandidateRows(trx, found);
}

async function recordCandidateRows(
  trx: Transaction<Database>,
  found: ReadonlyArray<{ childId: string; candidates: readonly DuplicateCandidate[] }>,
): Promise<number> {
  // One statement may not upsert the same pair twice: the later finding replaces the earlier.
  const byPair = new Map<string, { child_a: string; child_b: string; score: number; reasons: string }>();
  for (const { childId, candidates } of found) {
    for (const candidate of candidates) {
      if (candidate.childId === childId) continue;
      const [a, b] = orderedPair(childId, candidate.childId);
      byPair.set(`${a}|${b}`, {
        child_a: a,
        child_b: b,
        score: candidate.score,
        reasons: JSON.stringify(candidate.reasons),
      });
    }
  }
  const rows = [...byPair.values()];
  if (rows.length === 0) return 0;
  const written = await trx
    .insertInto('duplicate_candidates')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['child_a', 'child_b'])
        .doUpdateSet({
          score: sql`excluded.score`,
          reasons: sql`excluded.reasons`,
          version: sql`duplicate_candidates.version + 1`,
          updated_at: sql`now()`,
        })
        .where('duplicate_candidates.state', '=', 'open')
        .where(
          sql<boolean>`(duplicate_candidates.score, duplicate_candidates.reasons) IS DISTINCT FROM (excluded.score, excluded.reasons)`,
        ),
    )
    .returning('id')
    .execute();
  return written.length;
}
