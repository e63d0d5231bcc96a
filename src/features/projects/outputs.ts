import type { Kysely, Transaction } from 'kysely';
import { systemScope } from '../../core/scope/system-scope.js';
import type { IndicatorValue } from '../../contract/projects/projects.js';
import type { Database } from '../../platform/db/schema.js';
import { referralStepsOfProviderIn } from '../referrals/service.js';
import { visitsRecordedByIn } from '../visits/service.js';
import { countIndicators, indicatorValues, type RecordedWork, shanghaiDay, windowOf } from './rules.js';
import { volunteerHoursOf } from './volunteer-hours.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The work an organisation recorded in Haven (within a period when given): referrals it accepted
 * and completed, visits and sessions its people recorded, the children in its participation.
 * Callers have read the project or organisation through its scope first.
 */
export async function recordedWorkOf(
  db: Db,
  organisationId: string,
  period?: { startsOn: string; endsOn: string },
): Promise<RecordedWork> {
  const window = period ? windowOf(period.startsOn, period.endsOn) : undefined;
  const days = period ? { from: period.startsOn, to: period.endsOn } : undefined;
  const referralSteps = await referralStepsOfProviderIn(db, organisationId, window);
  const visits = await visitsRecordedByIn(db, organisationId, days);
  let sessions = db
    .selectFrom('service_sessions')
    .select(['child_id', 'division_code', 'held_on', 'kind', 'minutes'])
    .where('organisation_id', '=', organisationId);
  if (days) sessions = sessions.where('held_on', '>=', days.from).where('held_on', '<=', days.to);
  let participations = db
    .selectFrom('child_participations as p')
    .innerJoin('children as c', 'c.id', 'p.child_id')
    .where(systemScope("an organisation's participation, counted for a project or capacity read through its scope"))
    .select(['p.child_id', 'c.residence_code', 'p.started_at', 'p.ended_at'])
    .where('p.organisation_id', '=', organisationId);
  if (window)
    participations = participations
      .where('p.started_at', '<', window.to)
      .where((eb) => eb.or([eb('p.ended_at', 'is', null), eb('p.ended_at', '>=', window.from)]));
  return {
    referralSteps,
    visits,
    volunteerHours: await volunteerHoursOf(db, organisationId, days),
    sessions: (await sessions.execute()).map((s) => ({
      childId: s.child_id,
      divisionCode: s.division_code,
      heldOn: String(s.held_on),
      kind: s.kind,
      minutes: s.minutes,
    })),
    participations: (await participations.execute()).map((p) => ({
      childId: p.child_id,
      residenceCode: p.residence_code,
      startedAt: new Date(p.started_at),
      endedAt: p.ended_at ? new Date(p.ended_at) : null,
    })),
  };
}

/** Counties (6-digit prefix padded to 12) where the work lies. */
export function countiesOfWork(work: RecordedWork): Set<string> {
  const county = (code: string) => code.slice(0, 6).padEnd(12, '0');
  return new Set([
    ...work.referralSteps.map((s) => county(s.divisionCode)),
    ...work.visits.map((v) => county(v.residenceCode)),
    ...work.sessions.map((s) => county(s.divisionCode)),
    ...work.participations.map((p) => county(p.residenceCode)),
  ]);
}

/** The indicators computed from recorded work as of a day, beside the targets. */
export async function computedIndicatorsIn(
  trx: Db,
  project: { id: string; provider_org_id: string; starts_on: string; ends_on: string; area_codes: string[] },
  asOf: string,
): Promise<IndicatorValue[]> {
  const targets = await trx
    .selectFrom('project_indicators')
    .select(['kind', 'target'])
    .where('project_id', '=', project.id)
    .execute();
  const work = await recordedWorkOf(trx, project.provider_org_id, {
    startsOn: project.starts_on,
    endsOn: project.ends_on,
  });
  const frame = {
    projectId: project.id,
    startsOn: project.starts_on,
    endsOn: project.ends_on,
    areaCodes: project.area_codes,
  };
  return indicatorValues(targets, countIndicators(work, frame, asOf));
}

export { shanghaiDay };
