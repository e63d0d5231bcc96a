import { createHash } from 'node:crypto';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Locale } from '../../platform/i18n/locale.js';
import type { Database } from '../../platform/db/schema.js';
import { translate } from '../../platform/i18n/translate.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { subtreePrefix } from '../../core/places.js';
import { reportVisibleTo, seesReporter } from './access.js';
import { isReportAuthor, reportForReader } from './reading.js';
import type { ReportListItem, ReportView } from './model.js';
import { recipientRoles, type ReporterIdentity } from './tables.js';
import './messages.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { ReportListQuery } from '../../contract/reports/views.js';
import { reportListFilters } from './list-filters.js';

type Db = Kysely<Database>;

export async function getReport(db: Db, actor: Actor, id: string, now = new Date()): Promise<ReportView> {
  const report = await db
    .selectFrom('reports')
    .selectAll()
    .where('id', '=', id)
    .where(reportVisibleTo(actor))
    .executeTakeFirst();
  if (!report) {
    await recordAudit(db, actor, { action: 'reports.read', entityType: 'report', entityId: id, outcome: 'denied' });
    throw notFound(translate(actor.locale, 'reports.entity'), id);
  }
  const recipients = await db
    .selectFrom('report_recipients as rr')
    .where(systemScope('recipients of the report reportVisibleTo let through above'))
    .innerJoin('organisations as o', 'o.id', 'rr.organisation_id')
    .leftJoin('clocks as c', (join) => join.onRef('c.subject_id', '=', 'rr.id').on('c.rule', '=', 'report.acknowledge'))
    .select([
      'rr.organisation_id',
      'o.name',
      'rr.role',
      'rr.service',
      'rr.sees_reporter',
      'rr.acknowledged_at',
      'c.due_at',
      'c.state',
    ])
    .where('rr.report_id', '=', id)
    .execute();
  recipients.sort((a, b) => recipientRoles.indexOf(a.role) - recipientRoles.indexOf(b.role));
  const mine = recipients.find((r) => r.organisation_id === actor.organisationId);
  const reporterShown = seesReporter(
    actor,
    { reporterUserId: report.reporter_user_id, createdBy: report.created_by },
    mine,
  );
  const child = report.child_id
    ? await db
        .selectFrom('children')
        .select(['id', 'name'])
        .where('id', '=', report.child_id)
        .where(childInScope(actor))
        .executeTakeFirst()
    : undefined;
  const files =
    report.attachment_ids.length > 0
      ? await db
          .selectFrom('stored_files')
          .select(['id', 'file_name', 'media_type', 'size_bytes'])
          .where('id', 'in', report.attachment_ids)
          .execute()
      : [];
  await recordAudit(db, actor, {
    action: 'reports.read',
    entityType: 'report',
    entityId: id,
    childId: child?.id ?? null,
    details: { reporterShown },
  });
  const view = {
    id: report.id,
    refNo: report.ref_no,
    channel: report.channel,
    hotlineLine: report.hotline_line,
    situations: report.situations,
    description: report.description,
    child: child ?? null,
    unknownChild: report.unknown_child,
    divisionCode: report.division_code,
    address: report.address,
    immediateDanger: report.immediate_danger,
    reportedAt: report.reported_at.toISOString(),
    knewAt: report.knew_at?.toISOString() ?? null,
    reporter: reporterShown ? (report.reporter as ReporterIdentity) : null,
    recipients: recipients.map((r) => ({
      organisationId: r.organisation_id,
      organisationName: r.name,
      role: r.role,
      service: r.service,
      acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      dueAt: r.due_at?.toISOString() ?? null,
      clockState: r.state ?? null,
      overdue: r.acknowledged_at === null && r.due_at !== null && r.due_at < now,
    })),
    matrixGaps: report.matrix_gaps,
    caseId: report.case_id,
    attachments: files.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      mediaType: f.media_type,
      sizeBytes: f.size_bytes,
    })),
    canAcknowledge: mine !== undefined && mine.acknowledged_at === null && hasPermission(actor, 'reports.receive'),
  };
  return reportForReader(db, actor, view, isReportAuthor(actor, report));
}

/** An attachment of a report the caller may open. */
export async function getAttachment(
  db: Db,
  actor: Actor,
  reportId: string,
  fileId: string,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const report = await db
    .selectFrom('reports')
    .select(['id', 'attachment_ids', 'child_id'])
    .where('id', '=', reportId)
    .where(reportVisibleTo(actor))
    .executeTakeFirst();
  if (!report?.attachment_ids.includes(fileId)) {
    await recordAudit(db, actor, {
      action: 'reports.attachment_read',
      entityType: 'report',
      entityId: reportId,
      outcome: 'denied',
      details: { fileId },
    });
    throw notFound(translate(actor.locale, 'reports.attachment_entity'), fileId);
  }
  const file = await db
    .selectFrom('stored_files')
    .select(['file_name', 'media_type', 'content'])
    .where('id', '=', fileId)
    .executeTakeFirstOrThrow();
  await recordAudit(db, actor, {
    action: 'reports.attachment_read',
    entityType: 'report',
    entityId: reportId,
    childId: report.child_id,
    details: { fileId },
  });
  return { fileName: file.file_name, mediaType: file.media_type, content: file.content };
}

export type ReportListView = 'inbox' | 'mine' | 'all';

/**
 * Reports my organisation received (unacknowledged and overdue first), reports I made, or every
 * report I may open — always inside `reportVisibleTo`, the rule of the single read.
 */
export async function listReports(
  db: Db,
  actor: Actor,
  query: { view: ReportListView; page: number; pageSize: number } & Partial<Omit<ReportListQuery, 'view'>>,
  now = new Date(),
): Promise<{ items: ReportListItem[]; total: number }> {
  if (query.view === 'inbox' && !hasPermission(actor, 'reports.receive')) throw forbidden('reports.receive');
  if (query.view === 'mine' && !hasPermission(actor, 'reports.submit')) throw forbidden('reports.submit');
  const orgId = actor.organisationId ?? '00000000-0000-0000-0000-000000000000';
  let base = db
    .selectFrom('reports')
    .leftJoin('report_recipients as rr', (join) =>
      join.onRef('rr.report_id', '=', 'reports.id').on('rr.organisation_id', '=', orgId),
    )
    .leftJoin('clocks as c', (join) => join.onRef('c.subject_id', '=', 'rr.id').on('c.rule', '=', 'report.acknowledge'))
    .where(reportVisibleTo(actor));
  if (query.view === 'inbox') base = base.where('rr.id', 'is not', null);
  if (query.view === 'mine')
    base = base.where((eb) =>
      eb.or([eb('reports.created_by', '=', actor.userId), eb('reports.reporter_user_id', '=', actor.userId)]),
    );
  base = base.where(reportListFilters(query, now));
  const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const sort = query.sort ?? 'priority';
  const ordered =
    sort === 'priority'
      ? base
          .orderBy(sql`rr.acknowledged_at IS NULL AND rr.id IS NOT NULL`, 'desc')
          .orderBy('c.due_at', 'asc')
          .orderBy('reports.reported_at', 'desc')
      : base.orderBy('reports.reported_at', sort === 'newest' ? 'desc' : 'asc');
  const rows = await ordered
    .select([
      'reports.id',
      'reports.ref_no',
      'reports.channel',
      'reports.situations',
      'reports.division_code',
      'reports.immediate_danger',
      'reports.reported_at',
      'reports.case_id',
      'rr.acknowledged_at',
      'c.due_at',
    ])
    .orderBy('reports.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    total: total.n,
    items: rows.map((r) => ({
      id: r.id,
      refNo: r.ref_no,
      channel: r.channel,
      situations: r.situations,
      divisionCode: r.division_code,
      immediateDanger: r.immediate_danger,
      reportedAt: r.reported_at.toISOString(),
      myAcknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      dueAt: r.due_at?.toISOString() ?? null,
      overdue: r.acknowledged_at === null && r.due_at !== null && r.due_at < now,
      caseId: r.case_id,
    })),
  };
}

type Stage = 'received' | 'in_progress' | 'closed';

async function outcomes(
  db: Db,
  where: (eb: ExpressionBuilder<Database, 'reports'>) => ReturnType<ExpressionBuilder<Database, 'reports'>['and']>,
) {
  return db
    .selectFrom('reports')
    .leftJoin('cases', 'cases.id', 'reports.case_id')
    .leftJoin('case_actions as last', (join) =>
      join.onRef('last.case_id', '=', 'cases.id').onRef('last.seq', '=', 'cases.seq'),
    )
    .select((eb) => [
      'reports.id',
      'reports.ref_no',
      'reports.reported_at',
      'last.status_after',
      'last.payload',
      eb
        .selectFrom('report_recipients as rr')
        .innerJoin('organisations as o', 'o.id', 'rr.organisation_id')
        .select(
          sql<
            string[]
          >`coalesce(array_agg(o.name ORDER BY rr.acknowledged_at) FILTER (WHERE rr.acknowledged_at IS NOT NULL), '{}')`.as(
            'names',
          ),
        )
        .whereRef('rr.report_id', '=', 'reports.id')
        .as('acknowledged_by'),
    ])
    .where(where)
    .orderBy('reports.reported_at', 'desc')
    .limit(200)
    .execute();
}

function stageOf(status: string | null, acknowledged: number): Stage {
  if (status === 'closed') return 'closed';
  return status || acknowledged > 0 ? 'in_progress' : 'received';
}

/** The law requires telling the reporter the result: the stage and, once closed, the outcome. */
export async function myReportOutcomes(db: Db, actor: Actor) {
  const rows = await outcomes(db, (eb) =>
    eb.and([eb.or([eb('reports.reporter_user_id', '=', actor.userId), eb('reports.created_by', '=', actor.userId)])]),
  );
  return rows.map((r) => {
    const acknowledgedBy = r.acknowledged_by ?? [];
    const payload = (r.payload ?? {}) as { outcome?: string };
    return {
      id: r.id,
      refNo: r.ref_no,
      reportedAt: r.reported_at.toISOString(),
      acknowledgedBy,
      stage: stageOf(r.status_after, acknowledgedBy.length),
      caseStatus: r.status_after,
      outcome: r.status_after === 'closed' ? (payload.outcome ?? null) : null,
    };
  });
}

/** Public follow-up: the reference number and the code given at submission; nothing about the child. */
export async function publicReportStatus(db: Db, refNo: string, code: string, locale: Locale) {
  const hash = createHash('sha256').update(code.trim().toUpperCase()).digest('hex');
  const rows = await outcomes(db, (eb) =>
    eb.and([eb('reports.ref_no', '=', refNo), eb('reports.follow_up_hash', '=', hash)]),
  );
  const row = rows[0];
  if (!row) throw notFound(translate(locale, 'reports.entity'), refNo);
  const acknowledged = (row.acknowledged_by ?? []).length;
  return {
    refNo: row.ref_no,
    receivedAt: row.reported_at.toISOString(),
    acknowledged: acknowledged > 0,
    stage: stageOf(row.status_after, acknowledged),
  };
}

/** Delay between knowing and reporting, per reporting organisation, over mandated reports in my area. */
export async function reportingCompliance(
  db: Db,
  actor: Actor,
  query: { within?: string; from?: string; to?: string },
) {
  const areas = query.within ? [query.within] : actor.jurisdiction;
  let base = db
    .selectFrom('reports')
    .where(systemScope("counts of mandated reports in the asker's areas; no report is shown"))
    .leftJoin('organisations as o', 'o.id', 'reports.reporter_org_id')
    .where('reports.channel', '=', 'mandated');
  if (actor.kind !== 'system') {
    const inside = areas.filter((code) => actor.jurisdiction.some((j) => code.startsWith(subtreePrefix(j))));
    if (inside.length === 0) return { items: [] };
    base = base.where((eb) =>
      eb.or(inside.map((code) => eb('reports.division_code', 'like', `${subtreePrefix(code)}%`))),
    );
  }
  if (query.from) base = base.where('reports.reported_at', '>=', new Date(`${query.from}T00:00:00+08:00`));
  if (query.to)
    base = base.where(
      'reports.reported_at',
      '<',
      new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 86_400_000),
    );
  const delay = sql`extract(epoch FROM (reports.reported_at - reports.knew_at)) / 60`;
  const rows = await base
    .select([
      'reports.reporter_org_id',
      sql<string>`coalesce(max(o.name), '')`.as('name'),
      sql<number>`count(*)::int`.as('reports'),
      sql<number>`count(reports.knew_at)::int`.as('with_knew_at'),
      sql<number | null>`round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ${delay}))::int`.as('median'),
      sql<number | null>`round(max(${delay}))::int`.as('max'),
      sql<number>`count(*) FILTER (WHERE reports.reported_at - reports.knew_at > interval '24 hours')::int`.as(
        'over_24h',
      ),
    ])
    .groupBy('reports.reporter_org_id')
    .orderBy(sql`max(${delay})`, (ob) => ob.desc().nullsLast())
    .execute();
  return {
    items: rows.map((r) => ({
      organisationId: r.reporter_org_id,
      organisationName: r.name,
      reports: r.reports,
      withKnewAt: r.with_knew_at,
      medianDelayMinutes: r.median,
      maxDelayMinutes: r.max,
      over24h: r.over_24h,
    })),
  };
}
