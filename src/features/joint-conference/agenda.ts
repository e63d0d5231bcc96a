import { type Kysely, sql, type Transaction } from 'kysely';
import type { AgendaItem, Proposal } from '../../contract/joint-conference/views.js';
import type { AgendaSource, ConferenceLevel } from '../../contract/joint-conference/vocabulary.js';
import { organisationKinds, type OrganisationKind } from '../../contract/organisations/kinds.js';
import { services, type ServiceCode } from '../../contract/service-matrix/vocabulary.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { translate } from '../../platform/i18n/translate.js';
import '../../core/clocks/tables.js';
import { overflowingInstitutionsIn } from '../placements/service.js';
import { overdueReferralsIn } from '../referrals/service.js';
import { matrixGapsIn } from '../service-matrix/service.js';
import { conferencePrefix, daysLate } from './rules.js';
import './messages.js';

/*
 * The agenda builder: what escalated to the conference of a place as of a moment, each a proposed
 * item keyed by its source (so building twice adds nothing) with the facts it is worded from.
 * Clocks that reached the last level of their escalation chain are grouped by rule and owner (one
 * item per department and kind of deadline, not one per child); no child is named anywhere.
 */

type Db = Kysely<Database> | Transaction<Database>;

export interface ProposedItem {
  source: Exclude<AgendaSource, 'free'>;
  key: string;
  facts: Record<string, unknown>;
}

interface Place {
  divisionCode: string;
  level: ConferenceLevel;
}

async function escalatedClocks(db: Db, prefix: string, asOf: Date): Promise<ProposedItem[]> {
  const rows = await sql<{
    rule: string;
    owner_org_id: string;
    owner_name: string;
    count: number;
    oldest_due: Date;
    first_id: string;
    subject_type: string;
    subject_id: string;
  }>`
    SELECT c.rule, c.owner_org_id, o.name AS owner_name, count(*)::int AS count, min(c.due_at) AS oldest_due,
           (array_agg(c.id ORDER BY c.due_at))[1] AS first_id,
           (array_agg(c.subject_type ORDER BY c.due_at))[1] AS subject_type,
           (array_agg(c.subject_id ORDER BY c.due_at))[1] AS subject_id
    FROM clocks c JOIN organisations o ON o.id = c.owner_org_id
    WHERE c.division_code LIKE ${`${prefix}%`}
      AND c.started_at <= ${asOf}::timestamptz
      AND (c.state = 'running' OR (c.state IN ('met', 'missed') AND c.stopped_at > ${asOf}::timestamptz))
      AND c.due_at + make_interval(hours => c.escalation_hours[cardinality(c.escalation_hours)]) <= ${asOf}::timestamptz
    GROUP BY c.rule, c.owner_org_id, o.name
    ORDER BY min(c.due_at)
    LIMIT 40`.execute(db);
  return rows.rows.map((row) => ({
    source: 'escalated_clock',
    key: `clock:${row.rule}:${row.owner_org_id}`,
    facts: {
      rule: row.rule,
      ownerOrgId: row.owner_org_id,
      owner: row.owner_name,
      count: row.count,
      due: new Date(row.oldest_due).toISOString(),
      days: daysLate(new Date(row.oldest_due), asOf),
      clockId: row.first_id,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
    },
  }));
}

/** What escalated to the conference of a place as of a moment, in the order the agenda takes it. */
export async function agendaProposalsIn(db: Db, place: Place, asOf: Date): Promise<ProposedItem[]> {
  const prefix = conferencePrefix(place.divisionCode, place.level);
  const [clocks, referrals, overflows, gaps] = await Promise.all([
    escalatedClocks(db, prefix, asOf),
    overdueReferralsIn(db as Kysely<Database>, prefix, asOf),
    overflowingInstitutionsIn(db as Kysely<Database>, prefix, asOf),
    matrixGapsIn(db, place.divisionCode, shanghaiDateOf(asOf)),
  ]);
  return [
    ...clocks,
    ...referrals.map(
      (r): ProposedItem => ({
        source: 'overdue_referral',
        key: `referral:${r.referralId}`,
        facts: {
          referralId: r.referralId,
          from: r.fromOrganisation,
          to: r.toOrganisation,
          service: r.service,
          rule: r.rule,
          due: r.dueAt.toISOString(),
          days: daysLate(r.dueAt, asOf),
        },
      }),
    ),
    ...overflows.map(
      (o): ProposedItem => ({
        source: 'placement_overflow',
        key: `institution:${o.organisationId}`,
        facts: { organisationId: o.organisationId, name: o.name, beds: o.beds, occupancy: o.occupancy },
      }),
    ),
    ...gaps.map(
      (g): ProposedItem => ({
        source: 'matrix_gap',
        key: `gap:${g.countyCode}:${g.service}`,
        facts: { countyCode: g.countyCode, county: g.countyName, service: g.service, expectedKinds: g.expectedKinds },
      }),
    ),
  ];
}

const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

function ruleLabel(locale: Locale, rule: string): string {
  const label = translate(locale, `conference.rule.${rule}`);
  return label === `conference.rule.${rule}` ? rule : label;
}

function serviceLabel(locale: Locale, service: string): string {
  const found = services[service as ServiceCode];
  return found ? (locale === 'en' ? found.en : found.zh) : service;
}

function kindLabel(locale: Locale, kind: string): string {
  const found = organisationKinds[kind as OrganisationKind];
  return found ? (locale === 'en' ? found.en : found.zh) : kind;
}

/** A proposed item worded in the reader's language from its facts. */
export function describeAgendaItem(
  locale: Locale,
  source: AgendaSource,
  facts: Record<string, unknown>,
): { title: string; detail: string | null } {
  const separator = locale === 'en' ? ', ' : '、';
  switch (source) {
    case 'escalated_clock': {
      const count = Number(facts.count ?? 1);
      const title = translate(locale, 'conference.agenda.escalated_clock', {
        rule: ruleLabel(locale, str(facts.rule)),
        owner: str(facts.owner),
        due: shanghaiDateOf(new Date(str(facts.due))),
        days: str(facts.days),
      });
      return { title: count > 1 ? `${title}（${count}）` : title, detail: null };
    }
    case 'overdue_referral':
      return {
        title: translate(locale, 'conference.agenda.overdue_referral', {
          from: str(facts.from),
          to: str(facts.to),
          service: serviceLabel(locale, str(facts.service)),
          rule: ruleLabel(locale, str(facts.rule)),
          days: str(facts.days),
        }),
        detail: null,
      };
    case 'placement_overflow':
      return {
        title: translate(locale, 'conference.agenda.placement_overflow', {
          name: str(facts.name),
          beds: str(facts.beds),
          occupancy: str(facts.occupancy),
        }),
        detail: null,
      };
    case 'matrix_gap':
      return {
        title: translate(locale, 'conference.agenda.matrix_gap', {
          county: str(facts.county),
          service: serviceLabel(locale, str(facts.service)),
          kinds: (Array.isArray(facts.expectedKinds) ? facts.expectedKinds : [])
            .map((k) => kindLabel(locale, str(k)))
            .join(separator),
        }),
        detail: null,
      };
    default:
      return { title: '', detail: null };
  }
}

/** Where an item's source can be opened. */
export function agendaRef(source: AgendaSource, facts: Record<string, unknown>): AgendaItem['ref'] {
  switch (source) {
    case 'escalated_clock':
      return {
        type: 'clock',
        id: str(facts.clockId),
        subjectType: str(facts.subjectType) || null,
        subjectId: str(facts.subjectId) || null,
      };
    case 'overdue_referral':
      return { type: 'referral', id: str(facts.referralId), subjectType: null, subjectId: null };
    case 'placement_overflow':
      return { type: 'organisation', id: str(facts.organisationId), subjectType: null, subjectId: null };
    case 'matrix_gap':
      return { type: 'division', id: str(facts.countyCode), subjectType: null, subjectId: null };
    default:
      return null;
  }
}

export function presentProposal(locale: Locale, item: ProposedItem): Proposal {
  const { title, detail } = describeAgendaItem(locale, item.source, item.facts);
  return { key: item.key, source: item.source, title, detail, ref: agendaRef(item.source, item.facts) };
}
