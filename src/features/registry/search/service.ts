import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import { shanghaiDateOf } from '../../../platform/calendar/iso-date.js';
import type { Database } from '../../../platform/db/schema.js';
import { DomainError } from '../../../platform/errors.js';
import { queryGramsOf } from '../search-keys.js';
import type { ChildListPage, ChildListQuery } from '../../../contract/registry/search.js';
import { fileAccessesOf, narrowChildListItem } from '../../../core/scope/need-to-know.js';
import { presentChildren } from './present.js';
import { birthRangeForAges, parseQuery } from './rules.js';
import { searchChildrenInScope } from './store.js';

/** The registry list: search, filters, ranking, always inside the actor's scope, identifiers masked. */
export async function searchChildren(
  db: Kysely<Database>,
  actor: Actor,
  input: ChildListQuery,
  now = new Date(),
): Promise<ChildListPage> {
  const parsed = input.q ? parseQuery(input.q) : null;
  if (parsed?.kind === 'too_short_digits')
    throw new DomainError('registry.search.digits_too_short', 400, { query: parsed.text, minimum: 4 });
  const query = parsed;
  const { bornOnOrBefore, bornAfter } = birthRangeForAges(shanghaiDateOf(now), input.ageMin, input.ageMax);
  const { rows, total, capped } = await searchChildrenInScope(db, actor, {
    query,
    grams: query?.kind === 'name' ? queryGramsOf(query.text) : [],
    within: input.within,
    category: input.category,
    riskGrade: input.riskGrade,
    status: input.status,
    bornOnOrBefore,
    bornAfter,
    sort: input.sort ?? (query ? 'relevance' : 'name'),
    page: input.page,
    pageSize: input.pageSize,
  });
  const [items, accesses] = await Promise.all([
    presentChildren(db, rows, now),
    fileAccessesOf(
      db,
      actor,
      rows.map((row) => row.id),
    ),
  ]);
  return {
    // Need-to-know: a child seen only through a referral lists without the parts it does not share.
    items: items.map((item) => narrowChildListItem(item, accesses.get(item.id) ?? 'whole')),
    total,
    totalCapped: capped,
    page: input.page,
    pageSize: input.pageSize,
  };
}
