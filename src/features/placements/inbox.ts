import { sql } from 'kysely';
import type { StayWaiting, TracingWaiting } from '../../contract/placements/tracing.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import '../../core/clocks/tables.js';
import { placementRules } from './rule-sections.js';
import { mayApproveExtension } from './rules.js';
import { organisationById } from './store.js';
import { listTracing } from './tracing/view.js';
import './tables.js';

const limit = 50;

/**
 * Stays that wait on me: longer rescue-station stays requested at stations my organisation has the
 * authority to approve for (civil affairs at the rule's level or above, containing the station),
 * and stays past their limit at my own station. Soonest due first; the inbox puts overdue first.
 */
export const stayWork: InboxContribution<StayWaiting> = {
  section: 'stays',
  async collect({ db, actor, now }) {
    if (!actor.organisationId) return [];
    const base = db
      .selectFrom('placements as p')
      .innerJoin('children', 'children.id', 'p.child_id')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .innerJoin('placement_actions as last', (join) =>
        join.onRef('last.placement_id', '=', 'p.id').onRef('last.seq', '=', 'p.seq'),
      )
      .leftJoin('clocks', (join) =>
        join
          .onRef('clocks.subject_id', '=', sql.ref('p.id'))
          .on('clocks.subject_type', '=', 'placement')
          .on('clocks.rule', '=', 'placement.rescue_station_stay')
          .on('clocks.state', 'in', ['running', 'missed']),
      )
      .where(childInScope(actor))
      .where('p.ended_at', 'is', null)
      .where('p.kind', '=', 'rescue_station')
      .select([
        'p.id',
        'p.division_code',
        'children.name as child_name',
        'o.name as org_name',
        'o.division_code as org_division',
        'clocks.due_at',
      ])
      .orderBy(sql`clocks.due_at asc nulls last`)
      .limit(limit);
    const items: StayWaiting[] = [];
    if (hasPermission(actor, 'placements.approve')) {
      const approver = await organisationById(db, actor.organisationId);
      const rows = await base.where('last.status_after', '=', 'extension_requested').execute();
      for (const row of rows) {
        const rule = (await ruleSetFor(db, row.division_code, shanghaiDateOf(now))).get(
          placementRules,
        ).extensionApprover;
        if (!mayApproveExtension(approver ?? null, row.org_division, rule)) continue;
        items.push(itemOf(row, 'extension_to_approve', now));
      }
    }
    if (hasPermission(actor, 'placements.act')) {
      const rows = await base
        .where('p.organisation_id', '=', actor.organisationId)
        .where('last.status_after', '=', 'current')
        .where('clocks.due_at', '<', now)
        .execute();
      for (const row of rows) items.push(itemOf(row, 'stay_overdue', now));
    }
    return items;
  },
  isOverdue: (item) => item.overdue,
};

function itemOf(
  row: { id: string; child_name: string; org_name: string; due_at: Date | null },
  kind: StayWaiting['kind'],
  now: Date,
): StayWaiting {
  return {
    placementId: row.id,
    childName: row.child_name,
    organisation: row.org_name,
    kind,
    dueAt: row.due_at?.toISOString() ?? null,
    overdue: row.due_at !== null && row.due_at < now,
  };
}

/** Tracing requests my institution keeps that are open longer than the rule allows, longest first. */
export const tracingWork: InboxContribution<TracingWaiting> = {
  section: 'tracing',
  async collect({ db, actor, now }) {
    if (!actor.organisationId || !hasPermission(actor, 'placements.act')) return [];
    const requests = await listTracing(db, actor, 'active', now);
    return requests
      .filter((r) => r.overdue && r.organisation?.id === actor.organisationId)
      .slice(0, limit)
      .map((r) => ({
        id: r.id,
        childName: r.childName,
        provisionalCode: r.provisionalCode,
        status: r.status,
        openedAt: r.openedAt,
        daysOpen: r.daysOpen,
        overdue: r.overdue,
      }));
  },
  isOverdue: (item) => item.overdue,
};
