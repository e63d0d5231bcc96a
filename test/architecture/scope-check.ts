import ts from 'typescript';

/** Tables that hold a child's data: every read of one must say whose scope it runs in. */
export const childTables = [
  'children',
  'family_members',
  'member_situations',
  'child_categories',
  'child_timeline',
  'child_participations',
  'cases',
  'case_actions',
  'case_organisations',
  'reports',
  'report_recipients',
  'placements',
  'placement_actions',
  'home_visits',
  'child_assignments',
  'referrals',
  'referral_actions',
  'child_documents',
  'recommendations',
  'recommendation_actions',
  'incidents',
  'guardianship_assessments',
  'charity_needs',
  'charity_need_actions',
  'guidance_orders',
  'household_children',
  'fact_proposals',
];

// A scope is a call to childInScope, a report visibility rule (…VisibleTo), another …InScope
// predicate built on them, or the explicit, grep-able systemScope('why') of sweeps and of reads
// keyed by a row the same unit of work already locked through the scope.
const scopeCall = /^(childInScope|childVisible|systemScope|[a-zA-Z]+InScope|[a-zA-Z]+VisibleTo)$/;
// Query-builder callbacks: a subquery built on their expression builder is part of the outer query.
const builderCallbacks = new Set([
  'where',
  'having',
  'select',
  'on',
  'set',
  'orderBy',
  'innerJoin',
  'leftJoin',
  'exists',
]);
const queryStart = new Set(['selectFrom', 'updateTable', 'deleteFrom']);

export interface UnscopedQuery {
  line: number;
  table: string;
  text: string;
}

function tableOf(argument: ts.Expression | undefined): string | null {
  if (argument === undefined) return null;
  if (ts.isStringLiteralLike(argument)) return argument.text.split(/\s+as\s+/)[0]?.trim() ?? null;
  return null;
}

function calleeName(call: ts.CallExpression): string | null {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

/** The whole method chain a query start belongs to: walk up while the parent continues the chain. */
function chainTop(node: ts.Node): ts.Node {
  let current = node;
  while (
    current.parent &&
    ((ts.isPropertyAccessExpression(current.parent) && current.parent.expression === current) ||
      (ts.isCallExpression(current.parent) && current.parent.expression === current) ||
      ts.isAwaitExpression(current.parent) ||
      ts.isNonNullExpression(current.parent) ||
      ts.isAsExpression(current.parent))
  ) {
    current = current.parent;
  }
  return current;
}

function hasScope(node: ts.Node): boolean {
  let found = false;
  // A correlated subquery (whereRef to the outer row) is bounded by the outer query, which is checked itself.
  const correlated = (call: ts.CallExpression) => calleeName(call) === 'whereRef';
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(child)) {
      const name = calleeName(child);
      if ((name !== null && scopeCall.test(name)) || correlated(child)) {
        found = true;
        return;
      }
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** `eb.selectFrom(…)` where eb is the parameter of a callback given to where/select/…: a subquery. */
function isSubquery(start: ts.CallExpression): boolean {
  const callee = start.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
  const receiver = callee.expression.text;
  for (let node: ts.Node | undefined = start.parent; node; node = node.parent) {
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) continue;
    const named = node.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === receiver);
    if (!named) continue;
    const call = node.parent;
    return ts.isCallExpression(call) && builderCallbacks.has(calleeName(call) ?? '');
  }
  return false;
}

/** Queries on a child table whose chain carries no scope. */
export function unscopedChildQueries(fileName: string, source: string): UnscopedQuery[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2023, true, ts.ScriptKind.TS);
  const found: UnscopedQuery[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const table = name !== null && queryStart.has(name) ? tableOf(node.arguments[0]) : null;
      if (table !== null && childTables.includes(table) && !isSubquery(node) && !hasScope(chainTop(node))) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        found.push({ line: line + 1, table, text: node.getText().slice(0, 80) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
