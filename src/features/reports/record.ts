import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { Database } from '../../platform/db/schema.js';
import { translate } from '../../platform/i18n/translate.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import '../../core/tables/children.js';
import { joinOpenCaseIn } from '../cases/service.js';
import './messages.js';
import { storeAttachments } from './attachments.js';
import type { AttachmentInput } from './model.js';
import { reportRules } from './rule-sections.js';
import { nextReferenceSerial, routeReport, type RoutingNotice } from './routing.js';
import { formatReferenceNumber } from './rules.js';
import type { Channel, HotlineLine, ReporterIdentity } from './tables.js';

export interface ReportValues {
  channel: Channel;
  hotlineLine: HotlineLine | null;
  situations: number[];
  description: string;
  childId: string | null;
  unknownChild: string | null;
  divisionCode: string;
  address: string | null;
  immediateDanger: boolean;
  reporter: ReporterIdentity;
  reporterUserId: string | null;
  reporterOrgId: string | null;
  knewAt: Date | null;
  attachments: readonly AttachmentInput[];
}

export interface RecordedReport {
  id: string;
  refNo: string;
  followUpCode: string;
  caseId: string | null;
  /** Receivers found up the tree or missing, for the taker's screen. */
  routing: RoutingNotice;
}

async function requireDivision(trx: Transaction<Database>, code: string): Promise<void> {
  const found = await trx.selectFrom('divisions').select('code').where('code', '=', code).executeTakeFirst();
  if (!found)
    throw new DomainError('reports.division_unknown', 400, { code }, [
      { path: 'body.divisionCode', code: 'reports.division_unknown' },
    ]);
}

/** Records a report, routes it and starts the acknowledgement clocks; joins the child's open case. */
export async function recordReport(uow: UnitOfWork, values: ReportValues, at: Date): Promise<RecordedReport> {
  const { trx, actor } = uow;
  if (values.knewAt && values.knewAt > at)
    throw new DomainError('reports.knew_at_future', 400, {}, [{ path: 'body.knewAt', code: 'reports.knew_at_future' }]);
  if (!values.childId && !values.unknownChild)
    throw new DomainError('reports.child_required', 400, {}, [
      { path: 'body.childId', code: 'reports.child_required' },
    ]);
  await requireDivision(trx, values.divisionCode);
  if (values.childId) await requireChildInScope(trx, actor, values.childId);
  const rules = await ruleSetFor(trx, values.divisionCode, shanghaiDateOf(at));
  const attachmentIds = await storeAttachments(trx, actor, values.attachments, rules.get(reportRules));
  const serial = await nextReferenceSerial(trx);
  const refNo = formatReferenceNumber(Number(shanghaiDateOf(at).slice(0, 4)), serial);
  const followUpCode = randomBytes(6).toString('hex').toUpperCase();
  const row = await trx
    .insertInto('reports')
    .values({
      ref_no: refNo,
      serial,
      follow_up_hash: createHash('sha256').update(followUpCode).digest('hex'),
      channel: values.channel,
      hotline_line: values.hotlineLine,
      situations: values.situations,
      description: values.description,
      child_id: values.childId,
      unknown_child: values.unknownChild,
      division_code: values.divisionCode,
      address: values.address,
      immediate_danger: values.immediateDanger,
      reporter: JSON.stringify(values.reporter),
      reporter_user_id: values.reporterUserId,
      reporter_org_id: values.reporterOrgId,
      knew_at: values.knewAt,
      reported_at: at,
      attachment_ids: attachmentIds,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { recipients, notice } = await routeReport(trx, rules, {
    id: row.id,
    divisionCode: values.divisionCode,
    childId: values.childId,
    immediateDanger: values.immediateDanger,
    situations: values.situations,
    reportedAt: at,
  });
  let caseId: string | null = null;
  if (values.childId) {
    await recordTimeline(trx, actor, {
      childId: values.childId,
      occurredAt: at,
      kind: 'report.received',
      entityType: 'report',
      entityId: row.id,
      details: {
        refNo,
        channel: values.channel,
        situations: values.situations,
        immediateDanger: values.immediateDanger,
      },
    });
    caseId = await joinOpenCaseIn(uow, values.childId, row.id, at);
  }
  // The audit keeps what was reported, never who reported (that stays on the report row).
  uow.audit({
    entityType: 'report',
    entityId: row.id,
    childId: values.childId,
    details: {
      refNo,
      channel: values.channel,
      situations: values.situations,
      recipients: recipients.map((r) => r.role),
      fallbacks: notice.fallbacks.map((f) => f.role),
      missingRecipients: notice.missing,
      alerted: notice.alerted?.organisationId ?? null,
      providers: notice.providers.map((p) => ({ service: p.service, organisationId: p.organisationId })),
      matrixGaps: notice.gaps.map((g) => g.service),
      attachments: attachmentIds.length,
    },
  });
  return { id: row.id, refNo, followUpCode, caseId, routing: notice };
}

async function requireChildInScope(trx: Transaction<Database>, actor: Actor, childId: string): Promise<void> {
  const child = await trx
    .selectFrom('children')
    .select('id')
    .where('id', '=', childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'reports.child_entity'), childId);
}
