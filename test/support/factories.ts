import type { Kysely } from 'kysely';
import type { Actor } from '../../src/platform/access/actor.js';
import type { Database } from '../../src/platform/db/schema.js';
import type { ActionInput, CaseView } from '../../src/features/cases/model.js';
import type { Organisation } from '../../src/contract/organisations/organisations.js';
import type { ChildFile, MemberInput } from '../../src/contract/registry/child.js';
import type { RecordedReport } from '../../src/features/reports/record.js';
import { homeOfRole, makeLeadAgency, makeOrganisation, type OrganisationOverrides } from './factories/organisations.js';
import { actorOf, makePerson, type PersonOverrides, signIn, type TestPerson, totpCodeOf } from './factories/people.js';
import { places } from './factories/places.js';
import { type ChildOverrides, makeChild, makeFamilyMember, type TestChild } from './factories/registry.js';
import { type OrganisationKey, type RosterName, roster, rosterOrganisations } from './factories/roster.js';
import { Sequence } from './factories/sequence.js';
import { makeCase, makeCaseAction, makeReport, type ReportOverrides } from './factories/workflows.js';
import type { ApiSession } from './session.js';

export { places, type RosterName, signIn, type TestChild, type TestPerson, totpCodeOf };

type By = { by?: TestPerson };

/**
 * Test data through the real use cases (the same validation and unit of work as the API), so every
 * row is one the system could have produced. Values are deterministic per set of factories: the
 * n-th child of a file has the same name and ID number in every run. One set per test database.
 */
export function factories(db: Kysely<Database>) {
  const sequence = new Sequence();
  const homes = new Map<string, Promise<Organisation>>();
  let registrar: Promise<TestPerson> | undefined;
  const actors = new Map<string, Promise<Actor>>();
  const actor = (person: TestPerson) => {
    let found = actors.get(person.id);
    if (!found) actors.set(person.id, (found = actorOf(db, person)));
    return found;
  };
  const homeOf = (role: string) => {
    const home = homeOfRole[role] ?? homeOfRole.civil_affairs_officer!;
    const key = `${home.kind}@${home.divisionCode}`;
    let found = homes.get(key);
    if (!found) homes.set(key, (found = makeOrganisation(db, sequence, home)));
    return found;
  };
  // Registers children unless the test names who does: a city officer, so any 荆州 village will do.
  const registrarOf = async (by: TestPerson | undefined) =>
    actor(
      by ??
        (await (registrar ??= (async () =>
          makePerson(db, sequence, (await homeOf('system_admin')).id, ['civil_affairs_officer'], {
            username: 'registrar',
            jurisdictionCode: places.jingzhou,
          }))())),
    );
  const named = new Map<string, Promise<Organisation>>();
  const organisationNamed = (key: OrganisationKey): Promise<Organisation> => {
    let found = named.get(key);
    if (!found) {
      const { parent, ...spec } = rosterOrganisations[key] as (typeof rosterOrganisations)[OrganisationKey] & {
        parent?: OrganisationKey;
      };
      found = (async () =>
        makeOrganisation(db, sequence, {
          ...spec,
          parentId: parent ? (await organisationNamed(parent)).id : undefined,
        }))();
      named.set(key, found);
    }
    return found;
  };
  const cast = new Map<string, Promise<TestPerson>>();
  const self = {
    /** One of the roster's organisations (test/support/factories/roster.ts), made the first time it is named. */
    organisationNamed,
    /** One of the roster's people by name, made (with their organisation) the first time a test names them. */
    as: (name: RosterName | (string & {})): Promise<TestPerson> => {
      let found = cast.get(name);
      if (!found) {
        if (!(name in roster)) throw new Error(`${name} is not in the test roster (test/support/factories/roster.ts)`);
        const spec = roster[name as RosterName];
        found = (async () =>
          makePerson(db, sequence, (await organisationNamed(spec.organisation)).id, [spec.role], { username: name }))();
        cast.set(name, found);
      }
      return found;
    },
    /** Makes the named roster people now, in order (for tests that look them up in the database). */
    cast: async (...names: RosterName[]): Promise<TestPerson[]> => {
      const people: TestPerson[] = [];
      for (const name of names) people.push(await self.as(name));
      return people;
    },
    /**
     * Makes the named roster people and takes each through a first sign-in and out again: enrolled,
     * with a chosen password and no open session, as after their first day.
     */
    onboard: async (baseUrl: string, ...names: RosterName[]): Promise<void> => {
      for (const name of names) {
        const session = await signIn(baseUrl, await self.as(name));
        const out = await session.request('POST', '/api/auth/logout');
        if (out.status !== 204) throw new Error(`sign-out of ${name} failed: ${out.status}`);
      }
    },
    /** Signs a roster person in over HTTP: the same call as the demo's `signInAs`, without the demo. */
    signInAs: async (baseUrl: string, name: RosterName | (string & {})): Promise<ApiSession> =>
      signIn(baseUrl, await self.as(name)),
    organisation: (overrides: OrganisationOverrides = {}) => makeOrganisation(db, sequence, overrides),
    leadAgency: (divisionCode: string, organisation: { id: string }) =>
      makeLeadAgency(db, divisionCode, organisation.id),
    /** A person with the roles, in the given organisation or in one typical of the first role. */
    person: async (
      roles: string | string[],
      options: PersonOverrides & { organisation?: { id: string } } = {},
    ): Promise<TestPerson> => {
      const list = typeof roles === 'string' ? [roles] : roles;
      const { organisation, ...overrides } = options;
      const organisationId = organisation?.id ?? (await homeOf(list[0]!)).id;
      return makePerson(db, sequence, organisationId, list, overrides);
    },
    /** A person signed in over HTTP (their first sign-in enrols an authenticator and changes the password). */
    signedIn: async (
      baseUrl: string,
      roles: string | string[],
      options: PersonOverrides & { organisation?: { id: string } } = {},
    ): Promise<ApiSession & { person: TestPerson }> => {
      const person = await self.person(roles, options);
      return { ...(await signIn(baseUrl, person)), person };
    },
    actor,
    child: async (overrides: ChildOverrides & By = {}): Promise<TestChild> => {
      const { by, ...rest } = overrides;
      return makeChild(db, await registrarOf(by), sequence, rest);
    },
    familyMember: async (child: { id: string }, overrides: Partial<MemberInput> & By = {}): Promise<ChildFile> => {
      const { by, ...rest } = overrides;
      return makeFamilyMember(db, await registrarOf(by), child.id, sequence, rest);
    },
    report: async (by: TestPerson, overrides: ReportOverrides = {}): Promise<RecordedReport> =>
      makeReport(db, await actor(by), sequence, overrides),
    openCase: async (
      by: TestPerson,
      input: { childId?: string; reportIds?: string[]; participantIds?: string[]; reason?: string },
    ): Promise<CaseView> => makeCase(db, await actor(by), input),
    act: async (
      by: TestPerson,
      kase: Pick<CaseView, 'id' | 'seq'>,
      action: Parameters<typeof makeCaseAction>[3],
    ): Promise<CaseView> => makeCaseAction(db, await actor(by), kase, action),
  };
  return self;
}

export type Factories = ReturnType<typeof factories>;
export type { ActionInput };
