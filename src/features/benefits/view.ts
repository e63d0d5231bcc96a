import { type Kysely, sql, type Transaction } from 'kysely';
import type { ApplicationList, ApplicationView } from '../../contract/benefits/applications.js';
import type { ApplicationAction, ApplicationStatus, MatchingFlag } from '../../contract/benefits/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { allowedActions, foldLog, type LogEntry } from '../../core/workflow/rules.js';
import { accountableUserId, type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { applicationStatusTable } from './rules.js';
import { suspensionsOf } from './payments/suspensions.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** One application as the caller may see it: through the child's scope (else 404, like a missing one). */
export async function readApplication(db: Db, actor: Actor, id: string): Promise<ApplicationView> {
  const row = await db
    .selectFrom('benefit_applications as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .where(childInScope(actor))
    .where('a.id', '=', id)
    .select([
      'a.id',
      'a.application_no',
      'a.child_id',
      'children.name as child_name',
      'a.benefit_type',
      'a.division_code',
      'a.received_on',
      'a.applicant_kind',
      'a.applicant_name',
      'a.applicant_relation',
      'a.documents',
      'a.status',
      'a.seq',
      'a.rules_version',
      'a.created_at',
    ])
    .executeTakeFirst();
  if (!row) throw notFound(translate(actor.locale, 'benefits.entity'), id);
  const [log, clocks, suspensions] = await Promise.all([
    db
      .selectFrom('benefit_application_actions')
      .select([
        'seq',
        'type',
        'status_after',
        'payload',
        'occurred_at',
        'actor_label',
        'actor_user_id',
        'accountable_user_id',
      ])
      .where('application_id', '=', id)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('clocks')
      .select(['rule', 'started_at', 'due_at', 'provisional', 'state', 'stopped_at'])
      .where('subject_type', '=', 'application')
      .where('subject_id', '=', id)
      .orderBy('started_at')
      .execute(),
    suspensionsOf(db, id),
  ]);
  const state = foldLog(
    applicationStatusTable,
    log.map((e) => ({
      type: e.type as ApplicationAction,
      by: e.accountable_user_id ?? e.actor_user_id,
    })) as LogEntry<ApplicationAction>[],
  );
  const approval = [...log].reverse().find((e) => e.type === 'approve')?.payload;
  const verification = [...log].reverse().find((e) => e.type === 'verify')?.payload;
  return {
    id: row.id,
    applicationNo: row.application_no,
    childId: row.child_id,
    childName: row.child_name,
    benefitType: row.benefit_type,
    divisionCode: row.division_code,
    receivedOn: String(row.received_on),
    applicantKind: row.applicant_kind,
    applicantName: row.applicant_name,
    applicantRelation: row.applicant_relation,
    documents: row.documents,
    status: row.status,
    seq: row.seq,
    rulesVersion: row.rules_version,
    monthlyFen: typeof approval?.monthlyFen === 'number' ? approval.monthlyFen : null,
    payFrom: typeof approval?.payFrom === 'string' ? approval.payFrom : null,
    late: log.some((e) => e.payload.late === true),
    flags: (Array.isArray(verification?.flags) ? verification.flags : []) as MatchingFlag[],
    facts: (Array.isArray(verification?.facts) ? verification.facts : []) as ApplicationView['facts'],
    clocks: clocks.map((c) => ({
      rule: c.rule,
      startedAt: c.started_at.toISOString(),
      dueOn: shanghaiDateOf(c.due_at),
      dueAt: c.due_at.toISOString(),
      provisional: c.provisional,
      state: c.state,
      stoppedAt: c.stopped_at?.toISOString() ?? null,
    })),
    log: log.map((e) => ({
      seq: e.seq,
      type: e.type as ApplicationAction,
      statusAfter: e.status_after,
      occurredAt: e.occurred_at.toISOString(),
      actor: e.actor_label,
      payload: e.payload,
    })),
    allowedActions: allowedActions(applicationStatusTable, state, {
      can: (p) => hasPermission(actor, p),
      accountableUserId: accountableUserId(actor),
    }),
    suspensions,
    createdAt: row.created_at.toISOString(),
  };
}

/** Applications of children in the caller's scope; open ones with the nearest deadline first. */
export async function listApplications(
  db: Db,
  actor: Actor,
  query: { status?: ApplicationStatus; childId?: string; overdue?: 'true' | 'false'; limit: number; offset: number },
  now: Date = new Date(),
): Promise<ApplicationList> {
  let base = db
    .selectFrom('benefit_applications as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .leftJoin('clocks as c', (join) =>
      join
        .onRef('c.subject_id', '=', 'a.id')
        .on('c.subject_type', '=', 'application')
        .on('c.state', 'in', ['running', 'paused']),
    )
    .where(childInScope(actor));
  if (query.status) base = base.where('a.status', '=', query.status);
  if (query.childId) base = base.where('a.child_id', '=', query.childId);
  if (query.overdue === 'true') base = base.where('c.due_at', '<', now);
  const [rows, total] = await Promise.all([
    base
      .select([
        'a.id',
        'a.application_no',
        'a.child_id',
        'children.name as child_name',
        'a.benefit_type',
        'a.received_on',
        'a.status',
        'c.due_at',
        'c.provisional',
      ])
      .orderBy(sql`c.due_at IS NULL`)
      .orderBy('c.due_at')
      .orderBy('a.created_at', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      applicationNo: r.application_no,
      childId: r.child_id,
      childName: r.child_name,
      benefitType: r.benefit_type,
      receivedOn: String(r.received_on),
      status: r.status,
      dueOn: r.due_at ? shanghaiDateOf(r.due_at) : null,
      provisional: r.provisional ?? false,
      overdue: r.due_at ? r.due_at.getTime() < now.getTime() : false,
    })),
    total: Number(total?.n ?? 0),
  };
}
