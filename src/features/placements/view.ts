import { escalationLevelOf } from '../../core/clocks/index.js';
import type { Kysely, Transaction } from 'kysely';
import { type Actor, accountableUserId, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { allowedActions, foldLog } from '../../core/workflow/rules.js';
import {
  type PlacementActionType,
  type PlacementStatus,
  type PlacementSummary,
  type PlacementView,
  stateGuardianshipBases,
  userPlacementActions,
} from './model.js';
import { placementRules } from './rule-sections.js';
import { daysOfStay, mayApproveExtension, placementStatusTable } from './rules.js';
import { organisationById } from './store.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

const episodeColumns = [
  'p.id',
  'p.child_id',
  'p.seq',
  'p.kind',
  'p.organisation_id',
  'p.carer',
  'p.legal_basis',
  'p.guardianship_type',
  'p.guardian_name',
  'p.guardian_organisation_id',
  'p.reason',
  'p.handover',
  'p.child_kinds',
  'p.division_code',
  'p.case_id',
  'p.previous_id',
  'p.over_capacity_reason',
  'p.occupancy_at_start',
  'p.beds_at_start',
  'p.started_at',
  'p.ended_at',
  'p.end_reason',
] as const;

/** Episodes of children in the actor's scope (the same predicate as the child's file). */
function episodesInScope(db: Db, actor: Actor) {
  return db
    .selectFrom('placements as p')
    .innerJoin('children', 'children.id', 'p.child_id')
    .where(childInScope(actor))
    .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('organisations as g', 'g.id', 'p.guardian_organisation_id')
    .select([
      ...episodeColumns,
      'o.name as org_name',
      'o.kind as org_kind',
      'g.name as guardian_org_name',
      'g.kind as guardian_org_kind',
    ]);
}

type EpisodeRow = Awaited<ReturnType<ReturnType<typeof episodesInScope>['executeTakeFirstOrThrow']>>;

function summaryOf(row: EpisodeRow, status: PlacementStatus, asOf: Date): PlacementSummary {
  return {
    id: row.id,
    status,
    kind: row.kind,
    organisation: row.organisation_id
      ? { id: row.organisation_id, name: row.org_name ?? '', kind: row.org_kind ?? '' }
      : null,
    legalBasis: row.legal_basis,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    endReason: (row.end_reason as PlacementSummary['endReason']) ?? null,
    days: daysOfStay(row.started_at, row.ended_at, asOf),
  };
}

/** One episode as the asker reads it, with its log, clocks and the actions the asker may take now. */
export async function readPlacement(db: Db, actor: Actor, id: string): Promise<PlacementView | undefined> {
  const row = await episodesInScope(db, actor).where('p.id', '=', id).executeTakeFirst();
  return row ? presentEpisode(db, actor, row, new Date()) : undefined;
}

async function presentEpisode(db: Db, actor: Actor, row: EpisodeRow, asOf: Date): Promise<PlacementView> {
  const actions = await db
    .selectFrom('placement_actions')
    .where(systemScope('the placement read through childInScope just before'))
    .select([
      'seq',
      'type',
      'status_after',
      'actor_label',
      'occurred_at',
      'payload',
      'accountable_user_id',
      'actor_user_id',
    ])
    .where('placement_id', '=', row.id)
    .orderBy('seq')
    .execute();
  const clocks = await db
    .selectFrom('clocks')
    .select(['rule', 'state', 'started_at', 'due_at', 'stopped_at', escalationLevelOf('clocks.id')])
    .where('subject_type', '=', 'placement')
    .where('subject_id', '=', row.id)
    .orderBy('started_at')
    .execute();
  const next = await db
    .selectFrom('placements')
    .where(systemScope('the episode after one read through childInScope: the same child'))
    .select('id')
    .where('previous_id', '=', row.id)
    .executeTakeFirst();
  const state = foldLog(
    placementStatusTable,
    actions.map((a) => ({ type: a.type, by: a.accountable_user_id ?? a.actor_user_id })),
  );
  const summary = summaryOf(row, state.status, asOf);
  const carer = row.carer;
  return {
    ...summary,
    childId: row.child_id,
    seq: row.seq,
    carer: carer ? { name: carer.name, relationship: carer.relationship ?? null, phone: carer.phone ?? null } : null,
    guardian: {
      type: row.guardianship_type,
      name: row.guardian_name,
      organisation: row.guardian_organisation_id
        ? { id: row.guardian_organisation_id, name: row.guardian_org_name ?? '', kind: row.guardian_org_kind ?? '' }
        : null,
    },
    reason: row.reason,
    handover: {
      from: row.handover.from,
      to: row.handover.to,
      belongings: row.handover.belongings ?? [],
      documents: (row.handover.documents ?? []) as PlacementView['handover']['documents'],
      notes: row.handover.notes ?? null,
    },
    overCapacity:
      row.over_capacity_reason && row.occupancy_at_start !== null && row.beds_at_start !== null
        ? { reason: row.over_capacity_reason, occupancy: row.occupancy_at_start, beds: row.beds_at_start }
        : null,
    caseId: row.case_id,
    previousId: row.previous_id,
    nextId: next?.id ?? null,
    childKinds: row.child_kinds as PlacementView['childKinds'],
    clocks: clocks.map((c) => ({
      rule: c.rule as PlacementView['clocks'][number]['rule'],
      state: c.state,
      startedAt: c.started_at.toISOString(),
      dueAt: c.due_at.toISOString(),
      stoppedAt: c.stopped_at?.toISOString() ?? null,
      escalationLevel: c.escalation_level,
      overdue: c.state === 'missed' || (c.state === 'running' && c.due_at.getTime() < asOf.getTime()),
    })),
    actions: actions.map((a) => ({
      seq: a.seq,
      type: a.type,
      statusAfter: a.status_after,
      actorLabel: a.actor_label,
      occurredAt: a.occurred_at.toISOString(),
      payload: a.payload,
    })),
    allowedActions: await offeredActions(db, actor, row, state, clocks),
  };
}

/** What the status table allows the asker, narrowed to what this episode makes sense of. */
async function offeredActions(
  db: Db,
  actor: Actor,
  row: EpisodeRow,
  state: ReturnType<typeof foldLog<PlacementStatus, PlacementActionType>>,
  clocks: { rule: string; state: string }[],
): Promise<PlacementView['allowedActions']> {
  const allowed = allowedActions(placementStatusTable, state, {
    can: (permission) => hasPermission(actor, permission),
    accountableUserId: accountableUserId(actor),
  });
  let authority: boolean | undefined;
  const mayApprove = async () => {
    if (authority !== undefined) return authority;
    const rule = (await ruleSetFor(db, row.division_code, shanghaiDateOf(new Date()))).get(
      placementRules,
    ).extensionApprover;
    const approver = actor.organisationId ? await organisationById(db, actor.organisationId) : undefined;
    const station = row.organisation_id ? await organisationById(db, row.organisation_id) : undefined;
    authority = !!station && mayApproveExtension(approver ?? null, station.divisionCode, rule);
    return authority;
  };
  const offered: PlacementView['allowedActions'] = [];
  for (const type of userPlacementActions) {
    if (!allowed.includes(type)) continue;
    if (type === 'request_extension' && row.kind !== 'rescue_station') continue;
    if ((type === 'approve_extension' || type === 'reject_extension') && !(await mayApprove())) continue;
    if (type === 'escort_home' && row.kind === 'home') continue;
    if (
      type === 'assess_return_home' &&
      !(stateGuardianshipBases as readonly string[]).includes(row.legal_basis) &&
      row.kind !== 'rescue_station'
    )
      continue;
    if (type === 'follow_up' && !clocks.some((c) => c.rule === 'placement.follow_up' && c.state === 'running'))
      continue;
    offered.push(type);
  }
  return offered;
}

/** The child's current episode in full and every earlier one in brief, newest first. */
export async function placementsOfChild(
  db: Db,
  actor: Actor,
  childId: string,
): Promise<{ current: PlacementView | null; history: PlacementSummary[] }> {
  const asOf = new Date();
  const rows = await episodesInScope(db, actor)
    .where('p.child_id', '=', childId)
    .orderBy('p.started_at', 'desc')
    .execute();
  if (rows.length === 0) return { current: null, history: [] };
  const statuses = await db
    .selectFrom('placement_actions as a')
    .where(systemScope('episodes read through childInScope just before'))
    .select(['a.placement_id', 'a.status_after'])
    .where(
      'a.placement_id',
      'in',
      rows.map((r) => r.id),
    )
    .where((eb) =>
      eb('a.seq', '=', eb.selectFrom('placements as q').select('q.seq').whereRef('q.id', '=', 'a.placement_id')),
    )
    .execute();
  const statusOf = new Map(statuses.map((s) => [s.placement_id, s.status_after]));
  const currentRow = rows.find((r) => r.ended_at === null);
  return {
    current: currentRow ? await presentEpisode(db, actor, currentRow, asOf) : null,
    history: rows.filter((r) => r !== currentRow).map((r) => summaryOf(r, statusOf.get(r.id) ?? 'ended', asOf)),
  };
}
