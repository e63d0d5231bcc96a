import { type Kysely, sql, type Transaction } from 'kysely';
import { type Actor, hasPermission } from '../../../platform/access/actor.js';
import { maskPhone } from '../../../platform/access/masking.js';
import type { Database } from '../../../platform/db/schema.js';
import { shanghaiDateOf } from '../../../platform/calendar/index.js';
import { ruleSetFor } from '../../../platform/rules/store.js';
import { childInScope } from '../../../core/scope/child-scope.js';
import { systemScope } from '../../../core/scope/system-scope.js';
import type { TracingSummary, TracingView } from '../model.js';
import { placementRules } from '../rule-sections.js';
import '../tables.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;
const dayMs = 86_400_000;

/** Tracing requests of children in the asker's scope (the same predicate as the child's file). */
export function requestsInScope(db: Db, actor: Actor) {
  return db
    .selectFrom('tracing_requests as t')
    .innerJoin('children', 'children.id', 't.child_id')
    .where(childInScope(actor))
    .leftJoin('organisations as o', 'o.id', 't.organisation_id')
    .select([
      't.id',
      't.child_id',
      't.organisation_id',
      't.status',
      't.outcome',
      't.provisional_code',
      't.found_at',
      't.found_place',
      't.known',
      't.description',
      't.matched_lead_id',
      't.version',
      't.opened_at',
      't.identified_at',
      't.closed_at',
      't.close_note',
      'children.name as child_name',
      'children.id_number as child_id_number',
      'children.residence_code as child_residence',
      'o.name as org_name',
      (eb) =>
        eb
          .selectFrom('tracing_leads as l')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('l.request_id', '=', 't.id')
          .as('lead_count'),
    ]);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsInScope>['executeTakeFirstOrThrow']>>;

export async function openLimitDays(db: Db, divisionCode: string, asOf: Date): Promise<number> {
  return (await ruleSetFor(db, divisionCode, shanghaiDateOf(asOf))).get(placementRules).tracingOpenDays;
}

export function summaryOf(row: RequestRow, asOf: Date, limitDays: number): TracingSummary {
  const until = row.closed_at ?? asOf;
  const daysOpen = Math.max(0, Math.floor((until.getTime() - row.opened_at.getTime()) / dayMs));
  return {
    id: row.id,
    childId: row.child_id,
    childName: row.child_name,
    provisionalCode: row.provisional_code,
    identified: row.child_id_number !== null,
    organisation: row.organisation_id ? { id: row.organisation_id, name: row.org_name ?? '' } : null,
    status: row.status,
    outcome: row.outcome,
    foundAt: row.found_at.toISOString(),
    foundPlace: row.found_place,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    daysOpen,
    leads: Number(row.lead_count ?? 0),
    overdue: row.status !== 'closed' && daysOpen > limitDays,
  };
}

/** The register: active requests (open, matched, identified) or closed ones, longest open first. */
export async function listTracing(
  db: Db,
  actor: Actor,
  status: 'active' | 'closed' | 'all',
  asOf = new Date(),
): Promise<TracingSummary[]> {
  let query = requestsInScope(db, actor);
  if (status === 'active') query = query.where('t.status', '<>', 'closed');
  if (status === 'closed') query = query.where('t.status', '=', 'closed');
  const rows = await query.orderBy('t.opened_at').limit(500).execute();
  const limits = new Map<string, number>();
  const result: TracingSummary[] = [];
  for (const row of rows) {
    const code = row.child_residence;
    if (!limits.has(code)) limits.set(code, await openLimitDays(db, code, asOf));
    result.push(summaryOf(row, asOf, limits.get(code)!));
  }
  return result;
}

/** One request with its leads and the child's current placement, as the asker may see it. */
export async function readTracing(
  db: Db,
  actor: Actor,
  id: string,
  asOf = new Date(),
): Promise<TracingView | undefined> {
  const row = await requestsInScope(db, actor).where('t.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const leads = await db
    .selectFrom('tracing_leads')
    .where(systemScope('leads of a request read through childInScope just before'))
    .selectAll()
    .where('request_id', '=', id)
    .orderBy('recorded_at')
    .execute();
  const placement = await db
    .selectFrom('placements')
    .where(systemScope('the child of a request read through childInScope just before'))
    .select('id')
    .where('child_id', '=', row.child_id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  const unmask = hasPermission(actor, 'children.unmask');
  const known = row.known;
  return {
    ...summaryOf(row, asOf, await openLimitDays(db, row.child_residence, asOf)),
    version: row.version,
    known: {
      statedName: known.statedName ?? null,
      statedAge: known.statedAge ?? null,
      dialect: known.dialect ?? null,
      statements: known.statements ?? null,
    },
    description: row.description,
    matchedLeadId: row.matched_lead_id,
    identifiedAt: row.identified_at?.toISOString() ?? null,
    closeNote: row.close_note,
    leadList: leads.map((lead) => ({
      id: lead.id,
      source: lead.source,
      summary: lead.summary,
      family: lead.family
        ? {
            name: lead.family.name,
            relationship: lead.family.relationship,
            phone: unmask ? (lead.family.phone ?? null) : maskPhone(lead.family.phone ?? null),
            divisionCode: lead.family.divisionCode ?? null,
            address: lead.family.address ?? null,
          }
        : null,
      status: lead.status,
      decisionNote: lead.decision_note,
      recordedBy: lead.recorded_by_label,
      recordedAt: lead.recorded_at.toISOString(),
      decidedBy: lead.decided_by_label,
      decidedAt: lead.decided_at?.toISOString() ?? null,
    })),
    placementId: placement?.id ?? null,
    documentsOwner: { entityType: 'tracing_request', entityId: row.id },
    canAct: row.status !== 'closed' && hasPermission(actor, 'placements.act'),
  };
}
