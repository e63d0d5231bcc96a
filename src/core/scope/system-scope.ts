import { type Expression, type SqlBool, sql } from 'kysely';

/**
 * The explicit scope of a query on a child table that no actor's scope can bound: a sweep over
 * every child, or a read keyed by a row this unit of work already locked through `childInScope`.
 * It adds nothing to the SQL; it exists so that every such query says why, in a form the
 * architecture test (test/architecture/scope-check.ts) and a reader's grep both find.
 */
export function systemScope(reason: string): Expression<SqlBool> {
  if (reason.trim() === '') throw new Error('systemScope needs a reason');
  return sql<SqlBool>`true`;
}
