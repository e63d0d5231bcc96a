import { sql } from 'kysely';
import type { RecommendationWaiting } from '../../contract/recommendations/views.js';
import type { RecommendationStatus } from '../../contract/recommendations/vocabulary.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { hasPermission } from '../../platform/access/actor.js';
import '../../core/clocks/tables.js';
import { recommendationVisibleTo } from './access.js';
import './tables.js';

const limit = 50;

/**
 * Recommendations waiting for my unit: a written reply it owes (the addressee, with
 * `recommendations.reply`), or a reply its procuratorate must accept or return (the issuer).
 */
export const recommendationsWaiting: InboxContribution<RecommendationWaiting> = {
  section: 'recommendations',
  async collect({ db, actor, now }) {
    if (!actor.organisationId || !hasPermission(actor, 'recommendations.read')) return [];
    const replies = hasPermission(actor, 'recommendations.reply');
    const reviews = hasPermission(actor, 'recommendations.issue');
    if (!replies && !reviews) return [];
    const org = actor.organisationId;
    const rows = await db
      .selectFrom('recommendations')
      .innerJoin('recommendation_actions as last', (join) =>
        join.onRef('last.recommendation_id', '=', 'recommendations.id').onRef('last.seq', '=', 'recommendations.seq'),
      )
      .innerJoin('organisations as issuer', 'issuer.id', 'recommendations.from_org_id')
      .innerJoin('organisations as addressee', 'addressee.id', 'recommendations.to_org_id')
      .leftJoin('clocks', (join) =>
        join
          .onRef('clocks.subject_id', '=', sql.ref('recommendations.id'))
          .on('clocks.subject_type', '=', 'recommendation')
          .on('clocks.state', '=', 'running'),
      )
      .select([
        'recommendations.id',
        'recommendations.reference',
        'recommendations.to_org_id',
        'last.status_after',
        'issuer.name as from_name',
        'addressee.name as to_name',
        'clocks.due_at',
      ])
      .where((eb) =>
        eb.or([
          ...(replies
            ? [eb.and([eb('recommendations.to_org_id', '=', org), eb('last.status_after', '=', 'issued')])]
            : []),
          ...(reviews
            ? [eb.and([eb('recommendations.from_org_id', '=', org), eb('last.status_after', '=', 'replied')])]
            : []),
        ]),
      )
      .where(recommendationVisibleTo(actor))
      .orderBy(sql`clocks.due_at asc nulls last`)
      .limit(limit)
      .execute();
    return rows.map((r) => {
      const waitingFor = r.to_org_id === org ? ('reply' as const) : ('review' as const);
      return {
        recommendationId: r.id,
        reference: r.reference,
        waitingFor,
        otherOrganisation: waitingFor === 'reply' ? r.from_name : r.to_name,
        status: r.status_after as RecommendationStatus,
        dueAt: r.due_at ? r.due_at.toISOString() : null,
        overdue: r.due_at !== null && r.due_at < now,
      };
    });
  },
  isOverdue: (item) => item.overdue,
};
