import type { MatchingFlag } from '../../contract/benefits/vocabulary.js';
import type { ChildFile } from '../../contract/registry/child.js';
import type { CategoryCode } from '../../contract/registry/vocabulary.js';

export interface MatchingResult {
  flags: MatchingFlag[];
  facts: { relation: string; kind: string; since: string | null; until: string | null }[];
}

const gone = new Set(['deceased', 'missing']);
const parents = new Set(['father', 'mother']);

/**
 * The township's data matching against the family facts already in Haven (pure): the parents'
 * situations with their dates, and a flag wherever the registry disagrees with the application.
 */
export function matchApplication(file: ChildFile, category: CategoryCode | null, asOf: string): MatchingResult {
  const flags: MatchingFlag[] = [];
  const members = file.family.filter((m) => parents.has(m.relation));
  const facts = members.flatMap((m) =>
    m.situations.map((s) => ({ relation: m.relation, kind: s.kind, since: s.since, until: s.until })),
  );
  if (file.status !== 'active') flags.push('child_not_active');
  if (file.age !== null && file.age >= 18) flags.push('over_age');
  if (category) {
    const memberships = file.categories.filter((c) => c.category === category);
    if (memberships.some((c) => c.state === 'rejected') && !memberships.some((c) => c.state !== 'rejected'))
      flags.push('category_rejected');
    else if (!memberships.some((c) => c.state === 'proposed' || c.state === 'confirmed'))
      flags.push('category_not_in_registry');
  }
  if (members.length === 0 || facts.length === 0) flags.push('no_parent_facts');
  if (category === 'orphan') {
    const bothGone =
      members.length >= 2 &&
      members.every((m) => m.situations.some((s) => gone.has(s.kind) && (!s.until || s.until > asOf)));
    if (!bothGone) flags.push('parents_not_both_gone');
  }
  if (facts.some((f) => f.until !== null && f.until <= asOf && f.kind !== 'deceased')) flags.push('situation_ended');
  return { flags, facts };
}
