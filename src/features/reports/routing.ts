import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { ancestorCodes } from '../divisions/rules.js';
import { startClock } from '../clocks/store.js';
import { reportRules } from './rule-sections.js';
import { nearestOrganisation, recipientKind, recipientRolesFor, recipientSeesReporter } from './rules.js';
import type { RecipientRole } from './tables.js';

export interface RoutedReport {
  id: string;
  divisionCode: string;
  childId: string | null;
  immediateDanger: boolean;
  reportedAt: Date;
}

/**
 * One recipient row per receiving organisation (the nearest of each kind to the place), each with
 * its acknowledgement clock: 60 minutes by default when the child is in danger now.
 */
export async function routeReport(trx: Transaction<Database>, rules: RuleSet, report: RoutedReport): Promise<{ organisationId: string; role: RecipientRole }[]> {
  const routing = rules.get(reportRules);
  const roles = recipientRolesFor(routing);
  const places = [...ancestorCodes(report.divisionCode), report.divisionCode];
  const candidates = await trx
    .selectFrom('organisations')
    .select(['id', 'kind', 'division_code as divisionCode'])
    .where('active', '=', true)
    .where('kind', 'in', roles.map((role) => recipientKind[role]))
    .where('division_code', 'in', places)
    .orderBy('created_at')
    .execute();
  const routed: { organisationId: string; role: RecipientRole }[] = [];
  for (const role of roles) {
    const organisation = nearestOrganisation(candidates, recipientKind[role], places);
    if (!organisation || routed.some((r) => r.organisationId === organisation.id)) continue;
    const recipient = await trx
      .insertInto('report_recipients')
      .values({ report_id: report.id, organisation_id: organisation.id, role, sees_reporter: recipientSeesReporter(role, routing) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await startClock(trx, rules, {
      rule: 'report.acknowledge',
      ownerOrgId: organisation.id,
      subjectType: 'report_recipient',
      subjectId: recipient.id,
      reportId: report.id,
      childId: report.childId,
      divisionCode: report.divisionCode,
      startedAt: report.reportedAt,
      duration: { minutes: report.immediateDanger ? routing.acknowledgeMinutesDanger : routing.acknowledgeMinutes },
    });
    if (role === 'police' && report.immediateDanger) {
      await startClock(trx, rules, {
        rule: 'report.emergency_response',
        ownerOrgId: organisation.id,
        subjectType: 'report_recipient',
        subjectId: recipient.id,
        reportId: report.id,
        childId: report.childId,
        divisionCode: report.divisionCode,
        startedAt: report.reportedAt,
        duration: { minutes: routing.emergencyResponseMinutes },
      });
    }
    routed.push({ organisationId: organisation.id, role });
  }
  return routed;
}

export async function nextReferenceSerial(trx: Transaction<Database>): Promise<number> {
  const row = await sql<{ n: string }>`SELECT nextval('report_ref_seq') AS n`.execute(trx);
  return Number(row.rows[0]!.n);
}
