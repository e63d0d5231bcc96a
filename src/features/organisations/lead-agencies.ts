import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError } from '../../platform/errors.js';
import { refuse, requireJurisdiction, requirePermission } from './guards.js';
import type { LeadAgency, SetLeadAgencyInput } from '../../contract/organisations/organisations.js';
import { chooseDefaultLead, isLeadDivision, leadAgencyProblem, leadChange, nextDay, periodOn } from './rules.js';
import {
  civilAffairsBureaus,
  currentDivisions,
  divisionExists,
  divisionName,
  findOrganisation,
  insertLeadPeriod,
  leadPeriods,
  type LeadPeriodRow,
  lockLeadDivision,
  updateLeadPeriod,
} from './store.js';

/*
 * Which body leads child protection in a city or county. Civil affairs by default; since the 2024
 * amendment a place may name its women-and-children work committee instead. Each decision is a
 * dated period, so "who led here on that day" stays answerable.
 */

type Db = Kysely<Database>;

const today = () => shanghaiDateOf(new Date());

function requireLeadDivision(divisionCode: string): void {
  if (!isLeadDivision(divisionCode))
    throw refuse({ code: 'organisations.lead_level', field: 'divisionCode', params: { code: divisionCode } }, 'params');
}

async function requireCurrentDivision(db: Db, divisionCode: string): Promise<void> {
  if (!(await divisionExists(db, divisionCode)))
    throw refuse(
      { code: 'organisations.division_unknown', field: 'divisionCode', params: { code: divisionCode } },
      'params',
    );
}

export async function setLeadAgency(
  db: Db,
  actor: Actor,
  divisionCode: string,
  input: SetLeadAgencyInput,
  day = today(),
): Promise<LeadAgency> {
  requirePermission(actor, 'organisations.manage');
  requireLeadDivision(divisionCode);
  const { result } = await unitOfWork(db, actor, 'lead_agency.set', async ({ trx, audit }) => {
    await requireCurrentDivision(trx, divisionCode);
    requireJurisdiction(actor, divisionCode);
    await lockLeadDivision(trx, divisionCode);
    // Locked, so the organisation cannot be deactivated while it is being named.
    const organisation = await findOrganisation(trx, input.organisationId, { lock: true });
    if (!organisation)
      throw refuse({
        code: 'organisations.organisation_unknown',
        field: 'organisationId',
        params: { id: input.organisationId },
      });
    const problem = leadAgencyProblem(divisionCode, organisation);
    if (problem) throw refuse(problem);
    const decision = { organisationId: organisation.id, validFrom: input.validFrom ?? day, note: input.note ?? null };
    const periods = await leadPeriods(trx, divisionCode, { exact: true });
    const latest = periods[0];
    const change = leadChange(latest, decision);
    if (change.kind === 'too_early')
      throw refuse({
        code: 'organisations.lead_too_early',
        field: 'validFrom',
        params: { validFrom: decision.validFrom, earliest: change.earliest },
      });
    if (change.kind === 'replace_latest' && latest) {
      await updateLeadPeriod(
        trx,
        { divisionCode, validFrom: latest.validFrom },
        { organisationId: decision.organisationId, note: decision.note },
      );
    }
    if (change.kind === 'append') {
      if (change.closeLatest && latest)
        await updateLeadPeriod(trx, { divisionCode, validFrom: latest.validFrom }, { validTo: decision.validFrom });
      await insertLeadPeriod(trx, { divisionCode, ...decision });
    }
    audit({
      entityType: 'lead_agency',
      entityId: divisionCode,
      details: { change: change.kind, ...decision, previous: latest ?? null },
    });
    return leadAgencyOf(trx, divisionCode, day);
  });
  return result;
}

/** Ends the assigned lead; from that day civil affairs leads again by default. */
export async function clearLeadAgency(
  db: Db,
  actor: Actor,
  divisionCode: string,
  validTo?: string,
  day = today(),
): Promise<LeadAgency> {
  requirePermission(actor, 'organisations.manage');
  requireLeadDivision(divisionCode);
  requireJurisdiction(actor, divisionCode);
  const { result } = await unitOfWork(db, actor, 'lead_agency.clear', async ({ trx, audit }) => {
    await lockLeadDivision(trx, divisionCode);
    const latest = (await leadPeriods(trx, divisionCode, { exact: true }))[0];
    if (!latest || latest.validTo !== null)
      throw new DomainError('organisations.lead_nothing_to_clear', 409, { division: divisionCode });
    const end = validTo ?? day;
    if (end <= latest.validFrom)
      throw refuse(
        {
          code: 'organisations.lead_too_early',
          field: 'validTo',
          params: { validFrom: end, earliest: nextDay(latest.validFrom) },
        },
        'query',
      );
    await updateLeadPeriod(trx, { divisionCode, validFrom: latest.validFrom }, { validTo: end });
    audit({ entityType: 'lead_agency', entityId: divisionCode, details: { cleared: latest, validTo: end } });
    return leadAgencyOf(trx, divisionCode, day);
  });
  return result;
}

export async function getLeadAgency(db: Db, actor: Actor, divisionCode: string, day = today()): Promise<LeadAgency> {
  requirePermission(actor, 'organisations.read');
  requireLeadDivision(divisionCode);
  await requireCurrentDivision(db, divisionCode);
  return leadAgencyOf(db, divisionCode, day);
}

export async function listLeadAgencies(db: Db, actor: Actor, within: string, day = today()): Promise<LeadAgency[]> {
  requirePermission(actor, 'organisations.read');
  const divisions = await currentDivisions(db, within, ['city', 'county']);
  const periods = await leadPeriods(db, within);
  const bureaus = await civilAffairsBureaus(db, within);
  return divisions.map((division) =>
    describeLead(
      division.code,
      division.name,
      periods.filter((period) => period.divisionCode === division.code),
      bureaus,
      day,
    ),
  );
}

async function leadAgencyOf(db: Db, divisionCode: string, day: string): Promise<LeadAgency> {
  const periods = await leadPeriods(db, divisionCode, { exact: true });
  return describeLead(
    divisionCode,
    await divisionName(db, divisionCode),
    periods,
    await civilAffairsBureaus(db, divisionCode),
    day,
  );
}

function describeLead(
  divisionCode: string,
  name: string | null,
  periods: readonly LeadPeriodRow[],
  bureaus: readonly { id: string; name: string; divisionCode: string }[],
  day: string,
): LeadAgency {
  const history = periods.map(({ divisionCode: _code, ...period }) => period);
  const assigned = periodOn(periods, day);
  if (assigned) {
    return {
      divisionCode,
      divisionName: name,
      source: 'assigned',
      current: {
        organisationId: assigned.organisationId,
        organisationName: assigned.organisationName,
        organisationKind: assigned.organisationKind,
      },
      history,
    };
  }
  const fallback = chooseDefaultLead(divisionCode, bureaus);
  return {
    divisionCode,
    divisionName: name,
    source: fallback ? 'default' : 'none',
    current: fallback
      ? { organisationId: fallback.id, organisationName: fallback.name, organisationKind: 'civil_affairs_bureau' }
      : null,
    history,
  };
}

/**
 * Who leads (and so convenes the joint conference) in a city or county on a day: the assigned
 * lead agency, else the place's civil affairs bureau; null when it has neither. For other features.
 */
export async function leadAgencyIn(
  db: Db,
  divisionCode: string,
  day: string,
): Promise<{ organisationId: string; organisationName: string } | null> {
  const lead = await leadAgencyOf(db, divisionCode, day);
  return lead.current
    ? { organisationId: lead.current.organisationId, organisationName: lead.current.organisationName }
    : null;
}
