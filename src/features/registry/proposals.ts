import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { canonicalJson } from '../../platform/audit/hash-chain.js';
import type { Database } from '../../platform/db/schema.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import { factsOf } from './file-store.js';
import { recordTimeline, type TimelineChange } from '../../core/timeline.js';
import { registryRules } from './rule-sections.js';
import { type CategoryProposal, proposeCategories } from './rules.js';
import { systemScope } from '../../core/scope/system-scope.js';

// jsonb reorders keys: compare canonically.
const sameEvidence = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * After facts change (an edit, or the calendar), the rules' proposals are made again: a category
 * the facts now support is proposed (unless staff rejected it on the very same facts), and an open
 * proposal the facts no longer support is withdrawn. Confirmed memberships stay; the file marks
 * them for review when no longer supported. Runs for many children at once (the sweep's batches).
 */
export async function recomputeProposals(
  trx: Kysely<Database>,
  actor: Actor,
  childIds: readonly string[],
  asOf: string,
): Promise<{ proposed: number; withdrawn: number }> {
  if (childIds.length === 0) return { proposed: 0, withdrawn: 0 };
  const [facts, resolver] = await Promise.all([factsOf(trx, childIds), loadRuleSets(trx)]);
  const rows = await trx
    .selectFrom('child_categories')
    .where(systemScope('children its caller wrote through childInScope, or the re-propose sweep over all children'))
    .select(['id', 'child_id', 'category', 'state', 'proposed_by_rule', 'proposal_evidence'])
    .where('child_id', 'in', childIds)
    .where('state', 'in', ['proposed', 'confirmed', 'rejected'])
    .execute();
  const inserts: {
    child_id: string;
    category: CategoryProposal['category'];
    state: 'proposed';
    proposed_by_rule: string;
    rule_set_version: string;
    proposal_evidence: string;
  }[] = [];
  const withdraw: string[] = [];
  const timeline: TimelineChange[] = [];
  const rowsByChild = new Map<string, typeof rows>();
  for (const row of rows) rowsByChild.set(row.child_id, [...(rowsByChild.get(row.child_id) ?? []), row]);
  for (const [childId, { child, facts: childFacts }] of facts) {
    if (child.status !== 'active') continue;
    const ruleSet = resolver.for(child.residence_code, asOf);
    const proposals = proposeCategories(childFacts, ruleSet.get(registryRules), asOf);
    const own = rowsByChild.get(childId) ?? [];
    for (const proposal of proposals) {
      if (own.some((row) => row.category === proposal.category && row.state !== 'rejected')) continue;
      if (
        own.some(
          (row) =>
            row.category === proposal.category &&
            row.state === 'rejected' &&
            sameEvidence(row.proposal_evidence, proposal.evidence),
        )
      )
        continue;
      inserts.push({
        child_id: childId,
        category: proposal.category,
        state: 'proposed',
        proposed_by_rule: proposal.ruleId,
        rule_set_version: ruleSet.version,
        proposal_evidence: JSON.stringify(proposal.evidence),
      });
    }
    const supported = new Set(proposals.map((p) => p.category));
    for (const row of own) {
      if (row.state !== 'proposed' || row.proposed_by_rule === null || supported.has(row.category)) continue;
      withdraw.push(row.id);
      timeline.push({
        childId,
        kind: 'category.withdrawn',
        entityType: 'category',
        entityId: row.id,
        before: { state: 'proposed' },
        after: { state: 'ended' },
        details: { category: row.category, ruleId: row.proposed_by_rule, asOf },
      });
    }
  }
  if (inserts.length > 0) {
    const created = await trx
      .insertInto('child_categories')
      .values(inserts)
      .returning(['id', 'child_id', 'category', 'proposed_by_rule', 'proposal_evidence'])
      .execute();
    for (const row of created) {
      timeline.push({
        childId: row.child_id,
        kind: 'category.proposed',
        entityType: 'category',
        entityId: row.id,
        after: { state: 'proposed' },
        details: { category: row.category, ruleId: row.proposed_by_rule, evidence: row.proposal_evidence, asOf },
      });
    }
  }
  if (withdraw.length > 0) {
    await trx
      .updateTable('child_categories')
      .where(systemScope('children its caller wrote through childInScope, or the re-propose sweep over all children'))
      .set((eb) => ({
        state: 'ended',
        end_date: asOf,
        end_reason: 'registry.reason.proposal_withdrawn',
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', 'in', withdraw)
      .execute();
  }
  await recordTimeline(trx, actor, timeline);
  return { proposed: inserts.length, withdrawn: withdraw.length };
}
