import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import { childInScope } from '../../../platform/access/scope.js';
import { recordAudit } from '../../../platform/audit/append.js';
import type { Database } from '../../../platform/db/schema.js';
import { type DuplicateCandidate, type DuplicateDraft, findDuplicateCandidates } from './duplicates.js';
import type { CandidateView } from './model.js';
import { presentChildren } from './present.js';
import { childRowsByIds } from './review-store.js';
import { countyNames } from './store.js';

/**
 * What an actor is shown of duplicate candidates. Candidates are searched everywhere (a child
 * registered in the next county is exactly what must be found), but a file outside the actor's
 * scope is shown only as "a file in another jurisdiction": its Haven code and county, never its
 * name, ID or place, so the registrar can ask that county without learning the child's details.
 * Such a showing is audited with the codes shown, so probing for other counties' children leaves a trace.
 */
export async function presentCandidates(db: Kysely<Database>, actor: Actor, candidates: readonly DuplicateCandidate[]): Promise<CandidateView[]> {
  const ids = candidates.map((candidate) => candidate.childId);
  if (ids.length === 0) return [];
  const visible = new Set((await db.selectFrom('children').select('id').where('id', 'in', ids).where(childInScope(actor)).execute()).map((row) => row.id));
  const rows = await childRowsByIds(db, ids);
  const items = new Map((await presentChildren(db, [...rows.values()].filter((row) => visible.has(row.id)))).map((item) => [item.id, item]));
  const counties = await countyNames(db, [...rows.values()].map((row) => row.residence_code));
  const views = candidates.flatMap((candidate): CandidateView[] => {
    const row = rows.get(candidate.childId);
    if (!row) return [];
    const inScope = visible.has(row.id);
    return [{ inScope, havenCode: row.haven_code, countyName: counties.get(row.residence_code) ?? null, child: inScope ? items.get(row.id)! : null, score: candidate.score, reasons: candidate.reasons as CandidateView['reasons'] }];
  });
  const elsewhere = views.filter((view) => !view.inScope).map((view) => view.havenCode);
  if (elsewhere.length > 0) await recordAudit(db, actor, { action: 'children.duplicate_check', details: { shownOutOfScope: elsewhere } });
  return views;
}

/** The check a registration form runs before saving: candidates for the draft, as the actor may see them. */
export async function checkDraftForDuplicates(db: Kysely<Database>, actor: Actor, draft: DuplicateDraft & { excludeChildId?: string }): Promise<CandidateView[]> {
  const candidates = await findDuplicateCandidates(db, draft, { excludeChildIds: draft.excludeChildId ? [draft.excludeChildId] : [] });
  return presentCandidates(db, actor, candidates);
}
