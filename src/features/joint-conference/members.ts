import { type Kysely, sql, type Transaction } from 'kysely';
import type { Member, Members } from '../../contract/joint-conference/views.js';
import type { OrganisationKind } from '../../contract/organisations/kinds.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { leadAgencyIn, organisationsIn } from '../organisations/service.js';
import { conferenceRules } from './rule-sections.js';
import { conferenceLevelOf } from './rules.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface Convener {
  id: string;
  name: string;
}

/** The place of a conference: a current city or county, by its name; else 400 naming the code. */
export async function conferencePlace(db: Db, divisionCode: string, part: 'body' | 'params' | 'query' = 'body') {
  const level = conferenceLevelOf(divisionCode);
  const field = part === 'params' ? 'division' : 'divisionCode';
  if (!level)
    throw new DomainError('conference.division_level', 400, { field, code: divisionCode }, [
      { path: `${part}.${field}`, code: 'conference.division_level' },
    ]);
  const row = await sql<{ name: string }>`SELECT name FROM divisions WHERE code = ${divisionCode}`.execute(db);
  const name = row.rows[0]?.name;
  if (!name)
    throw new DomainError('conference.division_unknown', 400, { field, code: divisionCode }, [
      { path: `${part}.${field}`, code: 'conference.division_unknown' },
    ]);
  return { level, name };
}

/** The convener of a place's conference on a day: its lead agency (else its civil affairs bureau). */
export async function convenerOf(db: Db, divisionCode: string, at: Date): Promise<Convener | null> {
  const lead = await leadAgencyIn(db as Kysely<Database>, divisionCode, shanghaiDateOf(at));
  return lead ? { id: lead.organisationId, name: lead.organisationName } : null;
}

/** Whether the actor convenes this place's conference: `conference.manage` at its lead agency. */
export function isConvener(actor: Actor, convener: Convener | null): boolean {
  if (actor.kind === 'system') return true;
  return hasPermission(actor, 'conference.manage') && convener !== null && actor.organisationId === convener.id;
}

/** 403 unless the actor convenes the conference (the lead agency of the place). */
export function requireConvener(actor: Actor, convener: Convener | null, divisionCode: string): void {
  if (!hasPermission(actor, 'conference.manage')) throw forbidden('conference.manage');
  if (!convener) throw new DomainError('conference.no_convener', 409, { code: divisionCode });
  if (!isConvener(actor, convener)) throw new DomainError('conference.not_convener', 403, { convener: convener.name });
}

export function requireConferenceReader(actor: Actor): void {
  if (!hasPermission(actor, 'conference.act') && !hasPermission(actor, 'conference.manage'))
    throw forbidden('conference.act');
}

/**
 * The member departments of a place's conference on a day: the lead agency (convener), the
 * government departments sitting at the place of the kinds the rule set names, and the departments
 * the lead agency added.
 */
export async function conferenceMembersIn(db: Db, divisionCode: string, at: Date): Promise<Member[]> {
  const day = shanghaiDateOf(at);
  const rules = (await ruleSetFor(db as Kysely<Database>, divisionCode, day)).get(conferenceRules);
  const [convener, defaults, added] = await Promise.all([
    convenerOf(db, divisionCode, at),
    organisationsIn(db, { divisionCode, kinds: rules.memberKinds }),
    db
      .selectFrom('conference_members')
      .select('organisation_id')
      .where('division_code', '=', divisionCode)
      .where('removed_at', 'is', null)
      .execute(),
  ]);
  const addedOrganisations = await organisationsIn(db, { ids: added.map((row) => row.organisation_id) });
  const members: Member[] = [];
  const seen = new Set<string>();
  const push = (o: { id: string; name: string; kind: string; divisionCode: string }, source: Member['source']) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    members.push({
      organisationId: o.id,
      name: o.name,
      kind: o.kind as OrganisationKind,
      divisionCode: o.divisionCode,
      source,
    });
  };
  if (convener) {
    const [lead] = await organisationsIn(db, { ids: [convener.id] });
    if (lead) push(lead, 'lead_agency');
  }
  for (const o of defaults) push(o, 'default');
  for (const o of addedOrganisations) push(o, 'added');
  return members;
}

export async function readMembers(
  db: Kysely<Database>,
  actor: Actor,
  divisionCode: string,
  now = new Date(),
): Promise<Members> {
  requireConferenceReader(actor);
  const place = await conferencePlace(db, divisionCode, 'params');
  const convener = await convenerOf(db, divisionCode, now);
  return {
    divisionCode,
    divisionName: place.name,
    level: place.level,
    convener,
    mayManage: isConvener(actor, convener) && hasPermission(actor, 'conference.manage'),
    members: await conferenceMembersIn(db, divisionCode, now),
  };
}

/** The lead agency adds a department (a school board, an institution, a charity…) to its conference. */
export async function addMemberIn(
  uow: UnitOfWork,
  divisionCode: string,
  organisationId: string,
  at: Date,
): Promise<void> {
  const { trx, actor } = uow;
  await conferencePlace(trx, divisionCode, 'params');
  requireConvener(actor, await convenerOf(trx, divisionCode, at), divisionCode);
  const [organisation] = await organisationsIn(trx, { ids: [organisationId] });
  if (!organisation) throw notFound(translate(actor.locale, 'conference.organisation_entity'), organisationId);
  const members = await conferenceMembersIn(trx, divisionCode, at);
  if (members.some((m) => m.organisationId === organisationId))
    throw new DomainError('conference.already_member', 409, { organisation: organisation.name });
  await trx
    .insertInto('conference_members')
    .values({ division_code: divisionCode, organisation_id: organisationId, added_by: actor.userId, added_at: at })
    .execute();
  uow.audit({ entityType: 'conference_member', entityId: organisationId, details: { divisionCode } });
}

export async function addMember(
  db: Kysely<Database>,
  actor: Actor,
  divisionCode: string,
  organisationId: string,
): Promise<Members> {
  const now = new Date();
  await unitOfWork(db, actor, 'conference.member_add', (uow) => addMemberIn(uow, divisionCode, organisationId, now));
  return readMembers(db, actor, divisionCode, now);
}

/** The lead agency removes a department it added (default members stay while they exist). */
export async function removeMember(
  db: Kysely<Database>,
  actor: Actor,
  divisionCode: string,
  organisationId: string,
): Promise<Members> {
  const now = new Date();
  await unitOfWork(db, actor, 'conference.member_remove', async ({ trx, audit }) => {
    await conferencePlace(trx, divisionCode, 'params');
    requireConvener(actor, await convenerOf(trx, divisionCode, now), divisionCode);
    const member = (await conferenceMembersIn(trx, divisionCode, now)).find((m) => m.organisationId === organisationId);
    if (!member) throw notFound(translate(actor.locale, 'conference.organisation_entity'), organisationId);
    if (member.source !== 'added')
      throw new DomainError('conference.member_default', 409, { organisation: member.name });
    await trx
      .updateTable('conference_members')
      .set({ removed_at: now })
      .where('division_code', '=', divisionCode)
      .where('organisation_id', '=', organisationId)
      .where('removed_at', 'is', null)
      .execute();
    audit({ entityType: 'conference_member', entityId: organisationId, details: { divisionCode, removed: true } });
  });
  return readMembers(db, actor, divisionCode, now);
}
