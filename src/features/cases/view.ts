import { type CompiledQuery, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { childPartVisibleTo, narrowCase } from '../../core/scope/need-to-know.js';
import { fileAccessColumn, fileAccessFrom } from '../../core/scope/participation.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { executeNamed } from '../../platform/db/named-statements.js';
import { actorShapeKey, StatementShapes } from '../../platform/db/statement-shapes.js';
import { translate } from '../../platform/i18n/translate.js';
import { notFound } from '../../platform/errors.js';
import '../../core/clocks/tables.js';
import '../../core/tables/reports.js';
import { callerAllowedActions } from './guards.js';
import { caseClockRules } from '../../contract/cases/vocabulary.js';
import type { CaseClockRule, CaseView } from './model.js';
import { foldActions } from './rules.js';
import { siblingCasesOf } from './siblings.js';
import './store.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The case file: who did what and when, each clock with late steps marked, and what the caller may do next. */
export async function readCase(
  db: Db,
  actor: Actor,
  caseId: string,
  options: { audit?: boolean; now?: Date } = {},
): Promise<CaseView> {
  const now = options.now ?? new Date();
  // Named (prepared) statements: their plans are kept, and planning these joins through the scope cost
  // more than running them (issue 21: every case action's answer is read through here). Built and compiled
  // once per actor shape: only the case's id changes (session 17).
  const statement = caseReadShapes.statement(actorShapeKey(actor), { caseId }, (marks) =>
    caseReadStatement(db, actor, marks.caseId),
  );
  const row = (await executeNamed(db, 'case_read', statement)).rows[0];
  if (!row) {
    if (options.audit !== false && !db.isTransaction)
      await recordAudit(db as Kysely<Database>, actor, {
        action: 'cases.read',
        entityType: 'case',
        entityId: caseId,
        outcome: 'denied',
      });
    throw notFound(translate(actor.locale, 'cases.entity'), caseId);
  }
  const siblings = row.has_siblings
    ? await siblingCasesOf(db, actor, caseId)
    : { siblingCases: [], siblingCasesHidden: 0 };
  const actions = row.actions.map((a) => ({ ...a, occurred_at: new Date(a.occurred_at) }));
  const clocks = row.clocks.map((c) => ({
    ...c,
    started_at: new Date(c.started_at),
    due_at: new Date(c.due_at),
    stopped_at: c.stopped_at === null ? null : new Date(c.stopped_at),
  }));
  const { organisations } = row;
  const reports = row.reports.map((r) => ({ ...r, reported_at: new Date(r.reported_at) }));
  const missedBySeq = new Set(
    clocks.filter((c) => c.state === 'missed' && c.stopped_by_seq !== null).map((c) => c.stopped_by_seq),
  );
  // Four eyes fold over the person answerable (rows before migration 0026 have only the user).
  const state = foldActions(
    actions.map((a) => ({ type: a.type, actorUserId: a.accountable_user_id ?? a.actor_user_id })),
  );
  if (options.audit !== false && !db.isTransaction)
    await recordAudit(db as Kysely<Database>, actor, {
      action: 'cases.read',
      entityType: 'case',
      entityId: caseId,
      childId: row.child_id,
    });
  const view: CaseView = {
    id: row.id,
    caseNo: row.case_no,
    child: { id: row.child_id, name: row.child_name, riskGrade: row.risk_grade },
    divisionCode: row.division_code,
    status: state.status,
    seq: row.seq,
    lead: { id: row.lead_id, name: row.lead_name },
    manager: row.manager_id && row.manager_name ? { id: row.manager_id, name: row.manager_name } : null,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, role: o.role })),
    openedAt: row.opened_at.toISOString(),
    reports: reports.map((r) => ({
      id: r.id,
      refNo: r.ref_no,
      channel: r.channel,
      reportedAt: r.reported_at.toISOString(),
    })),
    actions: actions.map((a) => ({
      seq: a.seq,
      type: a.type,
      statusAfter: a.status_after,
      actorLabel: a.actor_label,
      actorOrganisationId: a.actor_org_id,
      occurredAt: a.occurred_at.toISOString(),
      payload: a.type === 'sibling_linked' ? siblingLinkPayload(a.payload, siblings.siblingCases) : a.payload,
      late: missedBySeq.has(a.seq),
    })),
    clocks: clocks.map((c) => ({
      id: c.id,
      // The clocks table holds any rule name; the response schema checks it is one the contract names.
      rule: c.rule as CaseClockRule,
      ownerOrganisationId: c.owner_org_id,
      ownerOrganisationName: c.name,
      startedAt: c.started_at.toISOString(),
      dueAt: c.due_at.toISOString(),
      provisional: c.provisional,
      state: c.state,
      stoppedAt: c.stopped_at?.toISOString() ?? null,
      escalationLevel: c.escalation_level,
      overdue: c.state === 'missed' || (c.state === 'running' && c.due_at < now),
    })),
    allowedActions: callerAllowedActions(actor, state),
    ...siblings,
  };
  return narrowCase(view, fileAccessFrom(row.file_access));
}

/** The case's row with its parts, through the scope, as built afresh (the cache's key, the actor's shape, decides all but the id). */
export function caseReadStatement(db: Db, actor: Actor, caseId: string) {
  return (
    db
      .selectFrom('cases')
      .innerJoin('children', 'children.id', 'cases.child_id')
      .innerJoin('organisations as lead', 'lead.id', 'cases.lead_org_id')
      .leftJoin('users as manager', 'manager.id', 'cases.manager_user_id')
      .select([
        'cases.id',
        'cases.case_no',
        'cases.division_code',
        'cases.seq',
        'cases.opened_at',
        'children.id as child_id',
        'children.name as child_name',
        'children.risk_grade',
        'lead.id as lead_id',
        'lead.name as lead_name',
        'manager.id as manager_id',
        'manager.display_name as manager_name',
        fileAccessColumn(actor).as('file_access'),
        // Whether the sibling cases need reading at all: most cases have none, and a case action's answer
        // is read through here (issue 21 counts its statements).
        sql<boolean>`EXISTS (SELECT 1 FROM case_links l WHERE l.case_id = cases.id OR l.linked_case_id = cases.id)`.as(
          'has_siblings',
        ),
        ...caseParts,
      ])
      .where('cases.id', '=', caseId)
      .where(childInScope(actor))
      // Need-to-know: a reader through a referral that does not share the case summary finds no case.
      .where(childPartVisibleTo(actor, 'case_summary'))
      .compile()
  );
}

type CaseRow = ReturnType<typeof caseReadStatement> extends CompiledQuery<infer R> ? R : never;
const caseReadShapes = new StatementShapes<CaseRow, { caseId: string }>(['caseId']);

type Stamp = string;
type Row<T extends keyof Database> = Selectable<Database[T]>;
interface ActionJson {
  seq: number;
  type: Row<'case_actions'>['type'];
  status_after: Row<'case_actions'>['status_after'];
  actor_label: string;
  actor_org_id: string | null;
  actor_user_id: string | null;
  accountable_user_id: string | null;
  occurred_at: Stamp;
  payload: Row<'case_actions'>['payload'];
}
interface ClockJson {
  id: string;
  rule: string;
  owner_org_id: string;
  name: string;
  started_at: Stamp;
  due_at: Stamp;
  provisional: boolean;
  state: Row<'clocks'>['state'];
  stopped_at: Stamp | null;
  stopped_by_seq: number | null;
  escalation_level: number;
}

/**
 * The case's log, clocks, organisations and reports as columns of its row (one statement, not five:
 * issue 21 counts a case action's statements). Each is correlated to the `cases` row that passed the
 * scope above, so nothing of a case the reader may not see is read; timestamps arrive as JSON text.
 */
const caseParts = [
  sql<
    ActionJson[]
  >`(SELECT coalesce(json_agg(json_build_object('seq', a.seq, 'type', a.type, 'status_after', a.status_after,
      'actor_label', a.actor_label, 'actor_org_id', a.actor_org_id, 'actor_user_id', a.actor_user_id,
      'accountable_user_id', a.accountable_user_id, 'occurred_at', a.occurred_at, 'payload', a.payload) ORDER BY a.seq), '[]')
    FROM case_actions a WHERE a.case_id = cases.id)`.as('actions'),
  // ANY(ARRAY(…)) rather than IN (…): with the OR, IN became a filter over every clock (a scan of 1M rows).
  // Other features' clocks may name the case (a referral made from it): the case shows its own rules.
  sql<
    ClockJson[]
  >`(SELECT coalesce(json_agg(json_build_object('id', k.id, 'rule', k.rule, 'owner_org_id', k.owner_org_id,
      'name', o.name, 'started_at', k.started_at, 'due_at', k.due_at, 'provisional', k.provisional, 'state', k.state,
      'stopped_at', k.stopped_at, 'stopped_by_seq', k.stopped_by_seq, 'escalation_level', COALESCE(esc.escalation_level, 0))
      ORDER BY k.started_at), '[]')
    FROM clocks k JOIN organisations o ON o.id = k.owner_org_id
      LEFT JOIN clock_escalations esc ON esc.clock_id = k.id
    WHERE (k.case_id = cases.id OR k.report_id = ANY(ARRAY(SELECT r.id FROM reports r WHERE r.case_id = cases.id)))
      AND k.rule = ANY(${[...caseClockRules]}::text[]))`.as('clocks'),
  sql<
    { id: string; name: string; role: Row<'case_organisations'>['role'] }[]
  >`(SELECT coalesce(json_agg(json_build_object('id', o.id, 'name', o.name,
      'role', co.role) ORDER BY co.added_at), '[]')
    FROM case_organisations co JOIN organisations o ON o.id = co.organisation_id WHERE co.case_id = cases.id)`.as(
    'organisations',
  ),
  sql<
    { id: string; ref_no: string; channel: Row<'reports'>['channel']; reported_at: Stamp }[]
  >`(SELECT coalesce(json_agg(json_build_object(
      'id', r.id, 'ref_no', r.ref_no, 'channel', r.channel, 'reported_at', r.reported_at) ORDER BY r.reported_at), '[]')
    FROM reports r WHERE r.case_id = cases.id)`.as('reports'),
] as const;

/**
 * A `sibling_linked` entry names the other case to a reader who may read it (its number and child,
 * to link to), and nothing of it to anyone else: not even its id.
 */
function siblingLinkPayload(payload: unknown, visible: CaseView['siblingCases']): Record<string, unknown> {
  const linked = (payload as { linkedCaseId?: unknown } | null)?.linkedCaseId;
  const sibling = visible.find((c) => c.id === linked);
  return sibling ? { caseId: sibling.id, caseNo: sibling.caseNo, childName: sibling.childName } : {};
}
