import { sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { maskIdNumber } from '../../platform/access/masking.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { childWhollyVisibleTo } from '../../core/scope/need-to-know.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { conflict } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import './messages.js';
import type { MemberValues } from './family-store.js';
import type { ChildFields } from '../../contract/registry/child.js';
import { pinyinKeysOf } from './search-keys.js';
import { findDuplicateCandidates } from './search/duplicates.js';

export type DuplicateCandidate = Awaited<ReturnType<typeof findDuplicateCandidates>>[number];

/**
 * Serialises registrations that may be the same child, until the end of the transaction: a second
 * registration waits for the first to commit and then finds it as a candidate (without this, 17
 * simultaneous registrations of one child without an ID number made 17 files, none queued). The
 * key is the name's full pinyin and the county, not the birth date: a birth date a day off, swapped
 * or unknown, and the same name written with other characters, are candidates too.
 */
export async function lockLikelyDuplicateKey(
  trx: Transaction<Database>,
  values: Pick<ChildFields, 'name' | 'residenceCode'>,
): Promise<void> {
  const name = pinyinKeysOf(values.name)[0] ?? values.name.trim();
  const key = `registry.likely_duplicate:${values.residenceCode.slice(0, 6)}:${name}`;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

function visibleOf(trx: Transaction<Database>, actor: Actor, candidates: readonly DuplicateCandidate[]) {
  return (
    trx
      .selectFrom('children')
      .select(['id', 'haven_code', 'name', 'sex', 'birth_date', 'id_number', 'residence_code'])
      .where(
        'id',
        'in',
        candidates.map((c) => c.childId),
      )
      .where(childInScope(actor))
      // A file seen only through a referral is the registrars' to review (need-to-know): counted, not shown.
      .where(childWhollyVisibleTo(actor))
      .execute()
  );
}

/**
 * A registration confirmed as another child whose likely matches include files the registrar may
 * not see: she cannot review those pairs, so each is recorded as her merge request, which puts it
 * first in the review queue of the officers who see both files (listPairs), and audited.
 */
export async function requestReviewOfMatchesElsewhere(
  trx: Transaction<Database>,
  actor: Actor,
  childId: string,
  candidates: readonly DuplicateCandidate[],
  threshold: number,
  audit: UnitOfWork['audit'],
): Promise<number> {
  const likely = candidates.filter((c) => c.score >= threshold);
  if (likely.length === 0) return 0;
  const visible = new Set((await visibleOf(trx, actor, likely)).map((row) => row.id));
  const elsewhere = likely.filter((c) => !visible.has(c.childId)).map((c) => c.childId);
  if (elsewhere.length === 0) return 0;
  const requested = await trx
    .updateTable('duplicate_candidates')
    .set({ merge_requested_by: actor.userId, merge_requested_at: new Date() })
    .where('state', '=', 'open')
    .where((eb) =>
      eb.or([
        eb.and([eb('child_a', '=', childId), eb('child_b', 'in', elsewhere)]),
        eb.and([eb('child_b', '=', childId), eb('child_a', 'in', elsewhere)]),
      ]),
    )
    .returning(['id', 'child_a', 'child_b'])
    .execute();
  for (const pair of requested) {
    for (const child of [pair.child_a, pair.child_b])
      audit({
        action: 'duplicates.merge_requested',
        entityType: 'duplicate_candidate',
        entityId: pair.id,
        childId: child,
        details: { registeredChildId: childId },
      });
  }
  return requested.length;
}

/**
 * The files that may be this child. At or above the threshold the registration stops with the
 * candidates (summaries, masked, only of files the actor may see; the others are counted), unless
 * the user already confirmed it is another child. Returns every candidate for the review queue.
 */
export async function refuseLikelyDuplicates(
  trx: Transaction<Database>,
  actor: Actor,
  values: Required<ChildFields>,
  family: readonly MemberValues[],
  threshold: number,
  confirmedNotDuplicate: boolean,
): Promise<DuplicateCandidate[]> {
  const guardians = family.filter((m) => m.isGuardian || ['father', 'mother'].includes(m.relation));
  const candidates = await findDuplicateCandidates(trx, {
    name: values.name,
    birthDate: values.birthDate,
    idNumber: values.idNumber,
    residenceCode: values.residenceCode,
    guardianNames: guardians.map((m) => m.name),
    guardianPhones: guardians.flatMap((m) => (m.phone ? [m.phone] : [])),
  });
  const likely = candidates.filter((c) => c.score >= threshold);
  if (likely.length === 0 || confirmedNotDuplicate) return candidates;
  const visible = await visibleOf(trx, actor, likely);
  const byId = new Map(visible.map((row) => [row.id, row]));
  const shown = likely.flatMap((c) => {
    const row = byId.get(c.childId);
    if (!row) return [];
    return [
      {
        childId: row.id,
        havenCode: row.haven_code,
        name: row.name,
        sex: row.sex,
        birthDate: row.birth_date,
        idNumber: maskIdNumber(row.id_number),
        residenceCode: row.residence_code,
        score: c.score,
        reasons: c.reasons,
      },
    ];
  });
  const notShown = likely.length - shown.length;
  const elsewhereNote =
    notShown > 0 ? translate(actor.locale, 'registry.possible_duplicate_elsewhere', { count: notShown }) : '';
  throw conflict(
    'registry.possible_duplicate',
    { count: likely.length, elsewhereNote },
    { candidates: shown, notShown },
  );
}
