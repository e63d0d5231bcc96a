import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import { childInScope } from '../../../core/scope/child-scope.js';
import { childWhollyVisibleTo } from '../../../core/scope/need-to-know.js';
import { recordAudit } from '../../../platform/audit/append.js';
import type { Database } from '../../../platform/db/schema.js';
import { type DuplicateCandidate, type DuplicateDraft, findDuplicateCandidates } from './duplicates.js';
import type { CandidateView } from '../../../contract/registry/search.js';
import { presentChildren } from './present.js';

/**
 * What an actor is shown of duplicate candidates. Candidates are searched everywhere (a child
 * registered in the next county is exactly what must be found), but of a file outside the actor's
 * scope nothing is shown — not its Haven code, not its county, not why it matched: only how many
 * such matches exist ("a match exists outside your area"). A file the actor sees only through a
 * referral sharing some parts (need-to-know, issue 15) counts as outside: describing it would show
 * what the referral did not share (the risk grade, why it matched), and its duplicates are its
 * registrars' to review. Registering anyway sends the pair to an
 * officer who sees both files (createChild records it as a merge request). The check is audited
 * with the files matched outside the scope, so probing for other counties' children leaves a trace.
 */
export async function presentCandidates(
  db: Kysely<Database>,
  actor: Actor,
  candidates: readonly DuplicateCandidate[],
): Promise<{ candidates: CandidateView[]; elsewhere: number }> {
  const ids = candidates.map((candidate) => candidate.childId);
  if (ids.length === 0) return { candidates: [], elsewhere: 0 };
  const visible = await db
    .selectFrom('children')
    .select([
      'id',
      'haven_code',
      'name',
      'sex',
      'birth_date',
      'id_number',
      'residence_code',
      'risk_grade',
      'status',
      'version',
      sql<null>`NULL`.as('matched'),
    ])
    .where('id', 'in', ids)
    .where(childInScope(actor))
    // Need-to-know: a file seen only through a referral is not the reader's to register or merge.
    .where(childWhollyVisibleTo(actor))
    .execute();
  const items = new Map((await presentChildren(db, visible)).map((item) => [item.id, item]));
  const views = candidates.flatMap((candidate): CandidateView[] => {
    const child = items.get(candidate.childId);
    return child
      ? [
          {
            inScope: true,
            havenCode: child.havenCode,
            child,
            score: candidate.score,
            reasons: candidate.reasons as CandidateView['reasons'],
          },
        ]
      : [];
  });
  const elsewhere = candidates
    .filter((candidate) => !items.has(candidate.childId))
    .map((candidate) => candidate.childId);
  if (elsewhere.length > 0)
    await recordAudit(db, actor, { action: 'children.duplicate_check', details: { matchedOutOfScope: elsewhere } });
  return { candidates: views, elsewhere: elsewhere.length };
}

/** The check a registration form runs before saving: candidates for the draft, as the actor may see them. */
export async function checkDraftForDuplicates(
  db: Kysely<Database>,
  actor: Actor,
  draft: DuplicateDraft & { excludeChildId?: string },
): Promise<{ candidates: CandidateView[]; elsewhere: number }> {
  const candidates = await findDuplicateCandidates(db, draft, {
    excludeChildIds: draft.excludeChildId ? [draft.excludeChildId] : [],
  });
  return presentCandidates(db, actor, candidates);
}
