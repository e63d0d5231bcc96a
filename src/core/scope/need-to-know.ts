import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { CaseView } from '../../contract/cases/views.js';
import type { ChildListItem } from '../../contract/registry/search.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { subtreePrefix } from '../places.js';
import { type FileAccess, type FileAccessRow, fileAccessColumn, fileAccessFrom } from './participation.js';

/*
 * Need-to-know beyond the file (issue 15): a reader whose only access to a child is a referral
 * sharing some parts (identity always; family, assessment, case_summary, documents as chosen) sees
 * only those parts in the child's timeline, the registry's list and the child's case — as
 * `narrowChildFile` does for the file. Jurisdiction, or any grant without `fields`, is the whole.
 */

/** The SQL rule: the actor sees this part of a child already in scope (by place, a whole grant, or a grant naming it). */
export function childPartVisibleTo(actor: Actor, part: string | null) {
  return (eb: ExpressionBuilder<Database, 'children'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = [];
    for (const code of actor.childJurisdiction ?? actor.jurisdiction) {
      const pattern = `${subtreePrefix(code)}%`;
      conditions.push(eb('children.residence_code', 'like', pattern), eb('children.hukou_code', 'like', pattern));
    }
    if (actor.organisationId)
      conditions.push(
        eb.exists(
          eb
            .selectFrom('child_participations as p')
            .select(sql`1`.as('one'))
            .whereRef('p.child_id', '=', 'children.id')
            .where('p.organisation_id', '=', actor.organisationId)
            .where('p.ended_at', 'is', null)
            .where((inner) =>
              part === null
                ? inner('p.fields', 'is', null)
                : inner.or([inner('p.fields', 'is', null), sql<boolean>`${part} = ANY (p.fields)`]),
            ),
        ),
      );
    return conditions.length > 0 ? eb.or(conditions) : sql<boolean>`false`;
  };
}

/**
 * The SQL rule: the actor sees the whole of the child — by place, or by a grant that names no parts.
 * What a person may *act* on (a case's next step): a referral that shares some parts lets its
 * receiver read them, never act on the child's case.
 */
export function childWhollyVisibleTo(actor: Actor) {
  return childPartVisibleTo(actor, null);
}

/** `fileAccessOf` for a page of children already read through the scope, in one statement. */
export async function fileAccessesOf(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  childIds: readonly string[],
): Promise<Map<string, FileAccess>> {
  const accesses = new Map<string, FileAccess>();
  if (actor.kind === 'system' || childIds.length === 0) {
    for (const id of childIds) accesses.set(id, 'whole');
    return accesses;
  }
  const rows = await sql<{ id: string; access: FileAccessRow }>`
    SELECT children.id, ${fileAccessColumn(actor)} AS access FROM children WHERE children.id = ANY (${[...childIds]}::uuid[])`.execute(
    db,
  );
  for (const row of rows.rows) accesses.set(row.id, fileAccessFrom(row.access));
  return accesses;
}

/** A registry list item with only the parts the access covers (categories and risk grade are the assessment's). */
export function narrowChildListItem(item: ChildListItem, access: FileAccess): ChildListItem {
  if (access === 'whole' || access.has('assessment')) return item;
  return { ...item, categories: [], riskGrade: null };
}

/**
 * The part of the file a timeline entry belongs to, by the entity of its kind (`<entity>.<action>`).
 * A referral's own entries are the `referral` part (shown for the reader's own referrals); an entity
 * not listed is shown to whole readers only.
 */
const timelineParts: Record<string, string> = {
  child: 'identity',
  duplicate: 'identity',
  duplicate_candidate: 'identity',
  family: 'family',
  household: 'family',
  entrusted_care: 'family',
  guidance: 'family',
  training: 'family',
  category: 'assessment',
  assessment: 'assessment',
  visit: 'assessment',
  fact: 'assessment',
  need: 'assessment',
  benefit: 'assessment',
  benefit_application: 'assessment',
  benefit_payment: 'assessment',
  case: 'case_summary',
  case_service: 'case_summary',
  case_lead_transfer: 'case_summary',
  report: 'case_summary',
  placement: 'case_summary',
  tracing: 'case_summary',
  recommendation: 'case_summary',
  document: 'documents',
};

export function timelinePartOf(kind: string): string | null {
  const dot = kind.indexOf('.');
  return timelineParts[dot < 0 ? kind : kind.slice(0, dot)] ?? null;
}

/** `LIKE` patterns of the timeline kinds the shared parts cover (referral entries are decided by id). */
export function timelineKindPatterns(access: ReadonlySet<string>): string[] {
  return Object.entries(timelineParts)
    .filter(([, part]) => access.has(part))
    .map(([entity]) => `${entity}.%`);
}

/**
 * The SQL rule over `child_timeline` for a narrowed reader: entries of the shared parts, and the
 * entries of the reader's own referrals that are still open (active referral grants).
 */
export function timelineEntriesVisibleTo(actor: Actor, access: ReadonlySet<string>) {
  return (eb: ExpressionBuilder<Database, 'child_timeline'>): Expression<SqlBool> =>
    eb.or([
      ...timelineKindPatterns(access).map((pattern) => eb('child_timeline.kind', 'like', pattern)),
      eb.and([
        eb('child_timeline.kind', 'like', 'referral.%'),
        eb(
          'child_timeline.entity_id',
          'in',
          eb
            .selectFrom('child_participations as p')
            .select('p.basis_id')
            .where('p.organisation_id', '=', actor.organisationId ?? '00000000-0000-0000-0000-000000000000')
            .where('p.basis', '=', 'referral')
            .where('p.ended_at', 'is', null),
        ),
      ]),
    ]);
}

/** Fields of a `child.updated` entry that are the assessment's (health, risk, benefits), hidden without it. */
const assessmentField = /disab|illness|health|risk|benefit|handoff|statusReason/i;

/** An entry's before/after with only what the access covers. */
export function narrowTimelineValues(
  kind: string,
  values: Record<string, unknown> | null,
  access: FileAccess,
): Record<string, unknown> | null {
  if (!values || access === 'whole' || access.has('assessment') || !kind.startsWith('child.')) return values;
  return Object.fromEntries(Object.entries(values).filter(([key]) => !assessmentField.test(key)));
}

/**
 * The case as a reader sharing `case_summary` sees it: where it stands, who works it, its deadlines
 * and reports by number, and the steps by type and date — not what each step recorded (assessment
 * scores, placements, plans); the risk grade only with `assessment`; nothing to act on.
 */
export function narrowCase(view: CaseView, access: FileAccess): CaseView {
  if (access === 'whole') return view;
  return {
    ...view,
    child: { ...view.child, riskGrade: access.has('assessment') ? view.child.riskGrade : null },
    actions: view.actions.map((action) => ({ ...action, payload: {} })),
    allowedActions: [],
  };
}
