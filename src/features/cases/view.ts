import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { childPartVisibleTo, narrowCase } from '../../core/scope/need-to-know.js';
import { fileAccessColumn, fileAccessFrom } from '../../core/scope/participation.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { executeNamed, rowsNamed } from '../../platform/db/named-statements.js';
import { translate } from '../../platform/i18n/translate.js';
import { notFound } from '../../platform/errors.js';
import { escalationLevelOf } from '../../core/clocks/index.js';
import '../../core/clocks/tables.js';
import '../../core/tables/reports.js';
import { callerAllowedActions } from './guards.js';
import { caseClockRules } from '../../contract/cases/vocabulary.js';
import type { CaseClockRule, CaseView } from './model.js';
import { foldActions } from './rules.js';
import { siblingCasesOf } from './siblings.js';
import './store.js';
import { systemScope } from '../../core/scope/system-scope.js';

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
  // more than running them (issue 21: every case action's answer is read through here).
  const rowQuery = db
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
    ])
    .where('cases.id', '=', caseId)
    .where(childInScope(actor))
    // Need-to-know: a reader through a referral that does not share the case summary finds no case.
    .where(childPartVisibleTo(actor, 'case_summary'));
  const row = (await executeNamed(db, 'case_read', rowQuery.compile())).rows[0];
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
  const [actions, clocks, organisations, reports, siblings] = await Promise.all([
    rowsNamed(
      db,
      'case_read_actions',
      db
        .selectFrom('case_actions')
        .where(systemScope('the case read through childInScope above'))
        .select([
          'seq',
          'type',
          'status_after',
          'actor_label',
          'actor_org_id',
          'actor_user_id',
          'accountable_user_id',
          'occurred_at',
          'payload',
        ])
        .where('case_id', '=', caseId)
        .orderBy('seq'),
    ),
    rowsNamed(
      db,
      'case_read_clocks',
      db
        .selectFrom('clocks')
        .innerJoin('organisations as o', 'o.id', 'clocks.owner_org_id')
        .select([
          'clocks.id',
          'clocks.rule',
          'clocks.owner_org_id',
          'o.name',
          'clocks.started_at',
          'clocks.due_at',
          'clocks.provisional',
          'clocks.state',
          'clocks.stopped_at',
          'clocks.stopped_by_seq',
          escalationLevelOf('clocks.id'),
        ])
        // ANY(ARRAY(…)) rather than IN (…): with the OR, IN became a filter over every clock (a scan of 1M rows).
        .where(
          sql<boolean>`(clocks.case_id = ${caseId} OR clocks.report_id = ANY(ARRAY(SELECT r.id FROM reports r WHERE r.case_id = ${caseId})))`,
        )
        // Other features' clocks may name the case (a referral made from it): the case shows its own rules.
        .where('clocks.rule', 'in', [...caseClockRules])
        .orderBy('clocks.started_at'),
    ),
    rowsNamed(
      db,
      'case_read_organisations',
      db
        .selectFrom('case_organisations as co')
        .where(systemScope('the case read through childInScope above'))
        .innerJoin('organisations as o', 'o.id', 'co.organisation_id')
        .select(['o.id', 'o.name', 'co.role'])
        .where('co.case_id', '=', caseId)
        .orderBy('co.added_at'),
    ),
    rowsNamed(
      db,
      'case_read_reports',
      db
        .selectFrom('reports')
        .where(systemScope('the case read through childInScope above'))
        .select(['id', 'ref_no', 'channel', 'reported_at'])
        .where('case_id', '=', caseId)
        .orderBy('reported_at'),
    ),
    row.has_siblings ? siblingCasesOf(db, actor, caseId) : { siblingCases: [], siblingCasesHidden: 0 },
  ]);
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

/**
 * A `sibling_linked` entry names the other case to a reader who may read it (its number and child,
 * to link to), and nothing of it to anyone else: not even its id.
 */
function siblingLinkPayload(payload: unknown, visible: CaseView['siblingCases']): Record<string, unknown> {
  const linked = (payload as { linkedCaseId?: unknown } | null)?.linkedCaseId;
  const sibling = visible.find((c) => c.id === linked);
  return sibling ? { caseId: sibling.id, caseNo: sibling.caseNo, childName: sibling.childName } : {};
}
