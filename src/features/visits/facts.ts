import { type Expression, type Kysely, sql, type Transaction } from 'kysely';
import { type ChildFacts, childFactFields, type FactsChangedDetails } from '../../contract/visits/visits.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { conflict } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import './error-details.js';
import './messages.js';

type Db = Kysely<Database> | Transaction<Database>;

/*
 * The child's facts a visit form bears on, read the same way for the due list (what the phone keeps
 * and sends back as `seenFacts`) and for the check when the visit arrives, so the two cannot disagree.
 */

/** The current guardians' names, sorted, joined with 、 (null: none on file). */
export const guardiansOf = (childId: Expression<string>) =>
  sql<string | null>`(SELECT string_agg(f.name, '、' ORDER BY f.name) FROM family_members f
    WHERE f.child_id = ${childId} AND f.is_guardian AND f.removed_at IS NULL)`;

/** The current entrusted carer, "name (relation)" (null: none). */
export const carerOf = (childId: Expression<string>) =>
  sql<string | null>`(SELECT e.carer_name || '（' || e.carer_relation || '）' FROM entrusted_care e
    WHERE e.child_id = ${childId} AND e.ended_on IS NULL ORDER BY e.created_at DESC LIMIT 1)`;

/** The child's facts now; the child was read (and locked) through its scope by the caller. */
export async function currentFactsIn(db: Db, childId: string): Promise<ChildFacts> {
  const id = sql.ref<string>('children.id');
  const row = await db
    .selectFrom('children')
    .where(systemScope('the child was locked through childInScope by the caller'))
    .select(['school', 'grade', 'risk_grade', guardiansOf(id).as('guardians'), carerOf(id).as('carer')])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow();
  return {
    school: row.school,
    grade: row.grade,
    guardians: row.guardians,
    carer: row.carer,
    riskGrade: row.risk_grade,
  };
}

/** Each fact that differs between what the phone saw and what the file says now. */
export function differingFacts(seen: ChildFacts, current: ChildFacts): FactsChangedDetails['fields'] {
  const same = (a: string | null, b: string | null) => (a ?? '').trim() === (b ?? '').trim();
  return childFactFields
    .filter((field) => !same(seen[field], current[field]))
    .map((field) => ({ field, seen: seen[field], current: current[field] }));
}

/**
 * An offline form names the facts it was started from: any changed since is a conflict the director
 * resolves field by field (never last-write-wins); the refusal stores nothing, so the resend, with
 * the facts now seen, goes under the same idempotency key.
 */
export async function refuseIfFactsChanged(db: Db, actor: Actor, childId: string, seen: ChildFacts): Promise<void> {
  const current = await currentFactsIn(db, childId);
  const fields = differingFacts(seen, current);
  if (fields.length === 0) return;
  const named = fields.map((f) => translate(actor.locale, `visits.fact.${f.field}`));
  throw conflict(
    'visits.facts_changed',
    { fields: named.join(actor.locale === 'en' ? ', ' : '、') },
    { fields, current },
  );
}
