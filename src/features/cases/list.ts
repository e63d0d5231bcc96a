import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { childPartVisibleTo } from '../../core/scope/need-to-know.js';
import type { Database } from '../../platform/db/schema.js';
import { parseQuery } from '../../contract/registry/search-query.js';
import { escapeLike } from '../../platform/text/escape-like.js';
import '../../core/clocks/tables.js';
import type { CaseListQuery } from './model.js';
import './store.js';

type Eb = ExpressionBuilder<Database, 'cases' | 'children'>;

/**
 * What the case list's search box means: a case number (or a part of it, "C-2026-12", "000012"),
 * a Haven code, pinyin or initials of the child's name, or a part of the child's name — read as
 * the registry's search reads them.
 */
function matchesQuery(raw: string) {
  const compact = raw.normalize('NFKC').replace(/\s+/g, '');
  return (eb: Eb) => {
    const caseNo = eb('cases.case_no', 'ilike', `%${escapeLike(compact)}%`);
    if (/^c-?[\d-]+$/i.test(compact)) return caseNo;
    const query = parseQuery(compact);
    switch (query.kind) {
      case 'haven_code':
        return eb('children.haven_code', '=', query.text);
      case 'digits':
      case 'too_short_digits':
        return caseNo;
      case 'pinyin': {
        const key = `% ${escapeLike(query.text)}%`;
        return sql<SqlBool>`(' ' || children.pinyin_text) LIKE ${key}`;
      }
      case 'name':
        return eb.or([eb('children.name', 'like', `%${escapeLike(query.text)}%`), caseNo]);
    }
  };
}

/** A clock of the case still running past its due time. */
const overdueClocks = (now: Date) =>
  sql<number>`(SELECT count(*) FROM clocks c WHERE c.case_id = cases.id AND c.state = 'running' AND c.due_at < ${now}::timestamptz)::int`;

/**
 * Cases whose child is in my scope, filtered in the database (so the total counts every page):
 * status, the child's risk grade, a running clock past due, and the search box. Those with
 * overdue clocks first.
 */
export async function listCases(db: Kysely<Database>, actor: Actor, query: CaseListQuery, now = new Date()) {
  let base = db
    .selectFrom('cases')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .innerJoin('case_actions as last', (join) =>
      join.onRef('last.case_id', '=', 'cases.id').onRef('last.seq', '=', 'cases.seq'),
    )
    .innerJoin('organisations as lead', 'lead.id', 'cases.lead_org_id')
    .where(childInScope(actor))
    .where(childPartVisibleTo(actor, 'case_summary'));
  if (query.status) base = base.where('last.status_after', '=', query.status);
  if (query.riskGrade)
    base = base.where('children.risk_grade', '=', query.riskGrade).where(childPartVisibleTo(actor, 'assessment'));
  if (query.overdue !== undefined) {
    const late = sql<SqlBool>`EXISTS (SELECT 1 FROM clocks c WHERE c.case_id = cases.id AND c.state = 'running' AND c.due_at < ${now}::timestamptz)`;
    base = base.where(query.overdue ? late : sql<SqlBool>`NOT ${late}`);
  }
  if (query.q) base = base.where(matchesQuery(query.q));
  const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const overdue = overdueClocks(now);
  const rows = await base
    .select([
      'cases.id',
      'cases.case_no',
      'cases.seq',
      'cases.opened_at',
      'children.id as child_id',
      'children.name as child_name',
      'children.risk_grade',
      (eb) => sql<boolean>`(${childPartVisibleTo(actor, 'assessment')(eb)})`.as('risk_shown'),
      'last.status_after',
      'last.occurred_at',
      'lead.name as lead_name',
      overdue.as('overdue'),
    ])
    .orderBy(sql`${overdue} > 0`, 'desc')
    .orderBy('last.occurred_at', 'desc')
    .orderBy('cases.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    total: total.n,
    items: rows.map((r) => ({
      id: r.id,
      caseNo: r.case_no,
      childId: r.child_id,
      childName: r.child_name,
      riskGrade: r.risk_shown ? r.risk_grade : null,
      status: r.status_after,
      seq: r.seq,
      leadName: r.lead_name,
      openedAt: r.opened_at.toISOString(),
      lastActionAt: r.occurred_at.toISOString(),
      overdueClocks: r.overdue,
    })),
  };
}
