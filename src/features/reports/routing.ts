import { sql, type Transaction } from 'kysely';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { translate } from '../../platform/i18n/translate.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { ancestorCodes } from '../../core/places.js';
import { startClock } from '../../core/clocks/index.js';
import '../../core/clocks/tables.js';
import './messages.js';
import { reportRules } from './rule-sections.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { type ServiceCode, services } from '../../contract/service-matrix/vocabulary.js';
import { leadingProvidersIn } from '../service-matrix/service.js';
import {
  fellBack,
  impliedServices,
  nearestOrganisation,
  recipientKind,
  recipientRolesFor,
  recipientSeesReporter,
} from './rules.js';
import type { RecipientRole, StatutoryRecipientRole } from './tables.js';

export interface RoutedReport {
  id: string;
  divisionCode: string;
  childId: string | null;
  immediateDanger: boolean;
  situations: readonly number[];
  reportedAt: Date;
}

/** What the report taker is told about where a report went when the place lacks a receiver. */
export interface RoutingNotice {
  /** Receivers found above their usual level (the place had none), up the division tree. */
  fallbacks: Array<{
    role: StatutoryRecipientRole;
    organisationId: string;
    organisationName: string;
    divisionCode: string;
  }>;
  /** Receiving roles with no organisation of their kind anywhere up the tree. */
  missing: StatutoryRecipientRole[];
  /** With no police anywhere: the city's lead agency (or civil affairs) that was alerted instead. */
  alerted: { organisationId: string; organisationName: string } | null;
  /** The organisations that lead a service the report implies in the county (the matrix), each named once per service. */
  providers: Array<{ service: ServiceCode; organisationId: string; organisationName: string }>;
  /** Services the report implies that nobody leads in the county: the county civil affairs receives it instead (null: none found). */
  gaps: Array<{ service: ServiceCode; organisationId: string | null; organisationName: string | null }>;
}

interface Candidate {
  id: string;
  name: string;
  kind: string;
  divisionCode: string;
}

/**
 * One recipient row per receiving organisation (the nearest of each kind to the place, going up
 * the division tree village → township → county → city → province), each with its
 * acknowledgement clock: 60 minutes by default when the child is in danger now. A receiver found
 * above its usual level, or none found, is named in the notice; with no police anywhere the city's
 * lead agency (else its civil affairs bureau, else the province's) receives the report and an
 * alert, so a report never goes to nobody.
 */
export async function routeReport(
  trx: Transaction<Database>,
  rules: RuleSet,
  report: RoutedReport,
): Promise<{ recipients: { organisationId: string; role: RecipientRole }[]; notice: RoutingNotice }> {
  const routing = rules.get(reportRules);
  const roles = recipientRolesFor(routing);
  const places = [...ancestorCodes(report.divisionCode), report.divisionCode];
  const candidates: Candidate[] = await trx
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'division_code as divisionCode'])
    .where('active', '=', true)
    .where(
      'kind',
      'in',
      roles.map((role) => recipientKind[role]),
    )
    .where('division_code', 'in', places)
    .orderBy('created_at')
    .execute();
  const routed: { organisationId: string; role: RecipientRole; recipientId: string; clockId: string }[] = [];
  const notice: RoutingNotice = { fallbacks: [], missing: [], alerted: null, providers: [], gaps: [] };
  const receive = async (organisationId: string, role: RecipientRole) => {
    const recipient = await trx
      .insertInto('report_recipients')
      .values({
        report_id: report.id,
        organisation_id: organisationId,
        role,
        sees_reporter: recipientSeesReporter(role, routing),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const clockId = await startClock(trx, rules, {
      rule: 'report.acknowledge',
      ownerOrgId: organisationId,
      subjectType: 'report_recipient',
      subjectId: recipient.id,
      reportId: report.id,
      childId: report.childId,
      divisionCode: report.divisionCode,
      startedAt: report.reportedAt,
      duration: { minutes: report.immediateDanger ? routing.acknowledgeMinutesDanger : routing.acknowledgeMinutes },
    });
    routed.push({ organisationId, role, recipientId: recipient.id, clockId });
    return recipient.id;
  };
  for (const role of roles) {
    const organisation = nearestOrganisation(candidates, recipientKind[role], places);
    if (!organisation) {
      notice.missing.push(role);
      continue;
    }
    if (fellBack(role, report.divisionCode, organisation.divisionCode))
      notice.fallbacks.push({
        role,
        organisationId: organisation.id,
        organisationName: organisation.name,
        divisionCode: organisation.divisionCode,
      });
    if (routed.some((r) => r.organisationId === organisation.id)) continue;
    const recipientId = await receive(organisation.id, role);
    if (role === 'police' && report.immediateDanger) {
      await startClock(trx, rules, {
        rule: 'report.emergency_response',
        ownerOrgId: organisation.id,
        subjectType: 'report_recipient',
        subjectId: recipientId,
        reportId: report.id,
        childId: report.childId,
        divisionCode: report.divisionCode,
        startedAt: report.reportedAt,
        duration: { minutes: routing.emergencyResponseMinutes },
      });
    }
  }
  if (notice.missing.includes('police')) notice.alerted = await alertStandIn(trx, report, routed, receive);
  const implied = impliedServices(report.situations, routing.matrixServices);
  await routeByMatrix(trx, report, implied, notice, {
    receives: (organisationId) => routed.some((r) => r.organisationId === organisationId),
    statutory: receive,
    provider: async (organisationId, service) => {
      const recipient = await trx
        .insertInto('report_recipients')
        .values({
          report_id: report.id,
          organisation_id: organisationId,
          role: 'provider',
          service,
          sees_reporter: false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      routed.push({ organisationId, role: 'provider', recipientId: recipient.id, clockId: '' });
    },
  });
  return { recipients: routed.map(({ organisationId, role }) => ({ organisationId, role })), notice };
}

/**
 * The responsibility matrix (issue 15): for each service the report implies, the organisations that
 * lead it in the place's county under the matrix version in force when the report was made receive
 * a `provider` copy (no acknowledgement clock: the statutory deadlines stay with the statutory
 * receivers). A service nobody leads there is a gap: recorded on the report, and the county's civil
 * affairs receives the report (with its clock) if it does not already.
 */
async function routeByMatrix(
  trx: Transaction<Database>,
  report: RoutedReport,
  implied: readonly ServiceCode[],
  notice: RoutingNotice,
  receive: {
    receives: (organisationId: string) => boolean;
    statutory: (organisationId: string, role: RecipientRole) => Promise<string>;
    provider: (organisationId: string, service: ServiceCode) => Promise<void>;
  },
): Promise<void> {
  const day = shanghaiDateOf(report.reportedAt);
  for (const service of implied) {
    const leads = await leadingProvidersIn(trx, report.divisionCode, service, day);
    if (leads.length === 0) notice.gaps.push({ service, organisationId: null, organisationName: null });
    for (const lead of leads) {
      notice.providers.push({ service, organisationId: lead.id, organisationName: lead.name });
      if (!receive.receives(lead.id)) await receive.provider(lead.id, service);
    }
  }
  if (notice.gaps.length === 0) return;
  await trx
    .updateTable('reports')
    .where(systemScope('the report being routed, inserted by this unit of work'))
    .set({ matrix_gaps: notice.gaps.map((g) => g.service) })
    .where('id', '=', report.id)
    .execute();
  const places = [...ancestorCodes(report.divisionCode), report.divisionCode];
  const bureaus = await trx
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'division_code as divisionCode'])
    .where('active', '=', true)
    .where('kind', '=', recipientKind.civil_affairs)
    .where('division_code', 'in', places)
    .orderBy('created_at')
    .execute();
  const civil = nearestOrganisation(bureaus, recipientKind.civil_affairs, places);
  if (!civil) return;
  for (const gap of notice.gaps) Object.assign(gap, { organisationId: civil.id, organisationName: civil.name });
  if (!receive.receives(civil.id)) await receive.statutory(civil.id, 'civil_affairs');
}

/**
 * No police organisation up the whole tree: the city's lead agency (the joint conference office),
 * else the city's civil affairs bureau, else the province's, receives the report (if it does not
 * already) and an alert raised at intake (level 0, before any escalation) on its acknowledgement clock.
 */
async function alertStandIn(
  trx: Transaction<Database>,
  report: RoutedReport,
  routed: ReadonlyArray<{ organisationId: string; clockId: string }>,
  receive: (organisationId: string, role: RecipientRole) => Promise<string>,
): Promise<RoutingNotice['alerted']> {
  const day = shanghaiDateOf(report.reportedAt);
  const city = `${report.divisionCode.slice(0, 4)}00000000`;
  const province = `${report.divisionCode.slice(0, 2)}0000000000`;
  const found = await sql<{ id: string; name: string }>`
    SELECT o.id, o.name FROM (
      SELECT la.organisation_id AS id, 0 AS rank FROM lead_agencies la
      WHERE la.division_code = ${city} AND la.valid_from <= ${day}::date AND (la.valid_to IS NULL OR la.valid_to > ${day}::date)
      UNION ALL
      SELECT o.id, CASE WHEN o.division_code = ${city} THEN 1 ELSE 2 END FROM organisations o
      WHERE o.active AND o.kind = 'civil_affairs_bureau' AND o.division_code IN (${city}, ${province})
    ) c JOIN organisations o ON o.id = c.id AND o.active
    ORDER BY c.rank, o.created_at
    LIMIT 1`.execute(trx);
  const standIn = found.rows[0];
  if (!standIn) return null;
  const existing = routed.find((r) => r.organisationId === standIn.id);
  if (!existing) await receive(standIn.id, 'civil_affairs');
  const clockId = existing?.clockId ?? routed.find((r) => r.organisationId === standIn.id)?.clockId;
  const clock = await trx
    .selectFrom('clocks')
    .select(['id', 'due_at'])
    .where('id', '=', clockId!)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('alerts')
    .values({
      clock_id: clock.id,
      level: 0,
      target: 'joint_conference',
      recipient_org_id: standIn.id,
      recipient_user_id: null,
      recipient_role: 'civil_affairs_officer',
      division_code: report.divisionCode,
      due_at: clock.due_at,
      raised_at: report.reportedAt,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { organisationId: standIn.id, organisationName: standIn.name };
}

/** The notice worded for the taker's screen, in their language: one line per receiver that fell back or is missing. */
export function routingWarnings(locale: Locale, notice: RoutingNotice): string[] {
  const role = (r: RecipientRole) => translate(locale, `reports.role.${r}`);
  return [
    ...(notice.missing.includes('police')
      ? [
          notice.alerted
            ? translate(locale, 'reports.routing.no_police', { organisation: notice.alerted.organisationName })
            : translate(locale, 'reports.routing.no_police_nobody'),
        ]
      : []),
    ...notice.fallbacks.map((f) =>
      translate(locale, 'reports.routing.fallback', { role: role(f.role), organisation: f.organisationName }),
    ),
    ...notice.missing
      .filter((r) => r !== 'police')
      .map((r) => translate(locale, 'reports.routing.missing', { role: role(r) })),
    ...notice.gaps.map((gap) =>
      gap.organisationName
        ? translate(locale, 'reports.routing.matrix_gap', {
            service: services[gap.service][locale === 'en' ? 'en' : 'zh'],
            organisation: gap.organisationName,
          })
        : translate(locale, 'reports.routing.matrix_gap_nobody', {
            service: services[gap.service][locale === 'en' ? 'en' : 'zh'],
          }),
    ),
  ];
}

export async function nextReferenceSerial(trx: Transaction<Database>): Promise<number> {
  const row = await sql<{ n: string }>`SELECT nextval('report_ref_seq') AS n`.execute(trx);
  return Number(row.rows[0]!.n);
}
