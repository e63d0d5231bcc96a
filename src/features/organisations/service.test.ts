import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { type Actor, systemActor } from '../../platform/access/actor.js';
import { DomainError } from '../../platform/errors.js';
import type { CreateOrganisationInput } from '../../contract/organisations/organisations.js';
import {
  createOrganisation,
  deactivateOrganisation,
  findOrganisations,
  getOrganisation,
  organisationCoverage,
  updateOrganisation,
} from './service.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const JINGZHOU = '421000000000';
const SHASHI = '421002000000';
const GONGAN = '421022000000';

function officer(jurisdiction: string[], permissions = ['organisations.read', 'organisations.manage']): Actor {
  return {
    kind: 'user',
    userId: randomUUID(),
    organisationId: null,
    label: 'test officer',
    roles: [],
    permissions: new Set(permissions),
    jurisdiction,
    locale: 'en',
    ip: null,
    requestId: null,
  };
}

const input = (overrides: Partial<CreateOrganisationInput> = {}): CreateOrganisationInput => ({
  name: '沙市区民政局',
  kind: 'civil_affairs_bureau',
  divisionCode: SHASHI,
  contacts: [],
  services: [],
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('organisations', () => {
  const cityOfficer = officer([JINGZHOU]);

  it('creates, reads, lists and updates an organisation', async () => {
    const { organisation } = await createOrganisation(
      database.db,
      cityOfficer,
      input({
        shortName: '沙市民政',
        contacts: [{ name: '张伟', role: '股长', phone: '0716-8888888' }],
        services: ['助学', ' 助学 ', '心理疏导'],
      }),
    );
    expect(organisation).toMatchObject({
      name: '沙市区民政局',
      subject: 'government',
      divisionName: '沙市区',
      version: 1,
      active: true,
      services: ['助学', '心理疏导'],
      bedCapacity: null,
    });
    expect(await getOrganisation(database.db, cityOfficer, organisation.id)).toEqual(organisation);

    const page = await findOrganisations(database.db, cityOfficer, {
      q: '沙市',
      within: JINGZHOU,
      subject: 'government',
      page: 1,
      pageSize: 10,
    });
    expect(page.items.map((o) => o.id)).toContain(organisation.id);
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(
      (await findOrganisations(database.db, cityOfficer, { within: GONGAN, page: 1, pageSize: 10 })).items.map(
        (o) => o.id,
      ),
    ).not.toContain(organisation.id);
    expect(
      (await findOrganisations(database.db, cityOfficer, { kind: 'police', q: '沙市', page: 1, pageSize: 10 })).total,
    ).toBe(0);
    expect(
      (await findOrganisations(database.db, cityOfficer, { subject: 'family', page: 1, pageSize: 10 })).total,
    ).toBe(0);
    expect((await findOrganisations(database.db, cityOfficer, { q: '100%_', page: 1, pageSize: 10 })).total).toBe(0);

    const updated = await updateOrganisation(database.db, cityOfficer, organisation.id, {
      version: 1,
      name: '荆州市沙市区民政局',
      divisionCode: '421002001000',
    });
    expect(updated).toMatchObject({
      name: '荆州市沙市区民政局',
      divisionCode: '421002001000',
      divisionName: '中山街道',
      version: 2,
    });
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', organisation.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['organisation.create', 'organisation.update']);
    expect(audit[1]?.details).toMatchObject({
      before: { name: '沙市区民政局' },
      after: { name: '荆州市沙市区民政局' },
    });
  });

  it('pages 10 to 50 at a time with the total', async () => {
    for (let i = 0; i < 12; i += 1)
      await createOrganisation(
        database.db,
        cityOfficer,
        input({ name: `公安县志愿服务队${String(i).padStart(2, '0')}`, kind: 'volunteer_team', divisionCode: GONGAN }),
      );
    const first = await findOrganisations(database.db, cityOfficer, { q: '公安县志愿', page: 1, pageSize: 10 });
    const second = await findOrganisations(database.db, cityOfficer, { q: '公安县志愿', page: 2, pageSize: 10 });
    const beyond = await findOrganisations(database.db, cityOfficer, { q: '公安县志愿', page: 3, pageSize: 10 });
    expect([first.items.length, second.items.length, beyond.items.length]).toEqual([10, 2, 0]);
    expect([first.total, second.total, beyond.total]).toEqual([12, 12, 12]);
    expect(first.items[0]?.name).toBe('公安县志愿服务队00');
  });

  it('refuses a stale version with 409 naming the current version, never the record', async () => {
    const { organisation } = await createOrganisation(
      database.db,
      cityOfficer,
      input({ name: '沙市区妇联', kind: 'womens_federation' }),
    );
    await updateOrganisation(database.db, cityOfficer, organisation.id, { version: 1, shortName: '妇联' });
    const error = await refusal(
      updateOrganisation(database.db, cityOfficer, organisation.id, { version: 1, shortName: '区妇联' }),
    );
    expect(error).toMatchObject({ code: 'stale_version', status: 409, params: { currentVersion: 2 } });
    expect(error.details).toMatchObject({ id: organisation.id, currentVersion: 2 });
    expect(Object.keys(error.details as object).sort()).toEqual(['currentVersion', 'entity', 'id']);
  });

  it('replays a retried create with the same Idempotency-Key instead of registering twice', async () => {
    const request = input({ name: '沙市区慈善会', kind: 'charity' });
    const first = await createOrganisation(database.db, cityOfficer, request, 'create-charity-0001');
    const retry = await createOrganisation(database.db, cityOfficer, request, 'create-charity-0001');
    expect(retry).toEqual({ organisation: first.organisation, replayed: true });
    const count = await database.db
      .selectFrom('organisations')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('name', '=', '沙市区慈善会')
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it('refuses a division that does not exist, naming the field', async () => {
    const error = await refusal(createOrganisation(database.db, cityOfficer, input({ divisionCode: '421099000000' })));
    expect(error).toMatchObject({
      code: 'organisations.division_unknown',
      status: 400,
      params: { field: 'divisionCode', code: '421099000000' },
    });
    expect(error.details).toEqual([{ path: 'body.divisionCode', code: 'organisations.division_unknown' }]);
  });

  it('refuses an unknown parent and a parent that would make a loop', async () => {
    const unknown = await refusal(createOrganisation(database.db, cityOfficer, input({ parentId: randomUUID() })));
    expect(unknown).toMatchObject({ code: 'organisations.parent_unknown', status: 400, params: { field: 'parentId' } });

    const { organisation: city } = await createOrganisation(
      database.db,
      cityOfficer,
      input({ name: '荆州市民政局', divisionCode: JINGZHOU }),
    );
    const { organisation: county } = await createOrganisation(
      database.db,
      cityOfficer,
      input({ name: '公安县民政局', divisionCode: GONGAN, parentId: city.id }),
    );
    const { organisation: station } = await createOrganisation(
      database.db,
      cityOfficer,
      input({
        name: '公安县救助管理站',
        kind: 'rescue_station',
        divisionCode: GONGAN,
        parentId: county.id,
        bedCapacity: 12,
      }),
    );
    expect(station.parentName).toBe('公安县民政局');
    const loop = await refusal(
      updateOrganisation(database.db, cityOfficer, city.id, { version: 1, parentId: station.id }),
    );
    expect(loop).toMatchObject({
      code: 'organisations.parent_cycle',
      status: 400,
      params: { field: 'parentId', id: station.id },
    });
    const self = await refusal(
      updateOrganisation(database.db, cityOfficer, city.id, { version: 1, parentId: city.id }),
    );
    expect(self.code).toBe('organisations.parent_cycle');
    expect((await getOrganisation(database.db, cityOfficer, city.id)).parentId).toBeNull();
  });

  it('asks beds of shelters and refuses them elsewhere', async () => {
    const police = await refusal(
      createOrganisation(database.db, cityOfficer, input({ name: '沙市区公安分局', kind: 'police', bedCapacity: 10 })),
    );
    expect(police).toMatchObject({
      code: 'organisations.beds_not_allowed',
      status: 400,
      params: { field: 'bedCapacity', kind: 'police' },
    });
    const home = await refusal(
      createOrganisation(database.db, cityOfficer, input({ name: '沙市区儿童福利院', kind: 'child_welfare_home' })),
    );
    expect(home).toMatchObject({ code: 'organisations.beds_required', params: { field: 'bedCapacity' } });
    const { organisation } = await createOrganisation(
      database.db,
      cityOfficer,
      input({ name: '沙市区儿童福利院', kind: 'child_welfare_home', bedCapacity: 0 }),
    );
    const becomesCharity = await refusal(
      updateOrganisation(database.db, cityOfficer, organisation.id, { version: 1, kind: 'charity' }),
    );
    expect(becomesCharity.code).toBe('organisations.beds_not_allowed');
    expect(
      await updateOrganisation(database.db, cityOfficer, organisation.id, {
        version: 1,
        kind: 'charity',
        bedCapacity: null,
      }),
    ).toMatchObject({ kind: 'charity', subject: 'society', bedCapacity: null });
  });

  it('refuses changes outside the actor’s jurisdiction with 403; the system may act anywhere', async () => {
    const countyOfficer = officer([GONGAN]);
    const outside = await refusal(
      createOrganisation(database.db, countyOfficer, input({ name: '沙市区团委', kind: 'youth_league' })),
    );
    expect(outside).toMatchObject({
      code: 'organisations.outside_jurisdiction',
      status: 403,
      params: { division: SHASHI },
    });

    const { organisation } = await createOrganisation(
      database.db,
      systemActor('test'),
      input({ name: '沙市区社工站', kind: 'social_work_organisation' }),
    );
    expect(
      (await refusal(updateOrganisation(database.db, countyOfficer, organisation.id, { version: 1, name: '改名' })))
        .status,
    ).toBe(403);
    expect((await refusal(deactivateOrganisation(database.db, countyOfficer, organisation.id, 1))).status).toBe(403);

    const { organisation: own } = await createOrganisation(
      database.db,
      countyOfficer,
      input({ name: '公安县社工站', kind: 'social_work_organisation', divisionCode: GONGAN }),
    );
    expect(
      (await refusal(updateOrganisation(database.db, countyOfficer, own.id, { version: 1, divisionCode: SHASHI })))
        .code,
    ).toBe('organisations.outside_jurisdiction');
    // Reading the directory is not limited to the jurisdiction.
    expect((await getOrganisation(database.db, countyOfficer, organisation.id)).id).toBe(organisation.id);
    const reader = officer([GONGAN], ['organisations.read']);
    expect(await refusal(createOrganisation(database.db, reader, input({ divisionCode: GONGAN })))).toMatchObject({
      code: 'forbidden',
      status: 403,
    });
  });

  it('deactivates with the version and keeps the organisation listed as inactive', async () => {
    const { organisation } = await createOrganisation(
      database.db,
      cityOfficer,
      input({ name: '沙市区爱心企业', kind: 'enterprise' }),
    );
    const inactive = await deactivateOrganisation(database.db, cityOfficer, organisation.id, 1);
    expect(inactive).toMatchObject({ active: false, version: 2 });
    const listed = await findOrganisations(database.db, cityOfficer, {
      q: '沙市区爱心企业',
      active: false,
      page: 1,
      pageSize: 10,
    });
    expect(listed.items.map((o) => o.id)).toEqual([organisation.id]);
  });

  it('reports shelters per county, gaps and "one team, two brands" candidates', async () => {
    const system = systemActor('test');
    await createOrganisation(
      database.db,
      system,
      input({
        name: '荆州市救助管理站',
        kind: 'rescue_station',
        divisionCode: JINGZHOU,
        bedCapacity: 60,
        contacts: [{ name: '值班室', phone: '0716-8123456' }],
      }),
    );
    await createOrganisation(
      database.db,
      system,
      input({
        name: '荆州市未成年人救助保护中心',
        kind: 'minor_protection_centre',
        divisionCode: JINGZHOU,
        bedCapacity: 20,
        contacts: [{ name: '值班室', phone: '07168123456' }],
      }),
    );
    await createOrganisation(
      database.db,
      system,
      input({ name: '沙市区社会福利院', kind: 'child_welfare_home', divisionCode: '421002001000', bedCapacity: 15 }),
    );
    const coverage = await organisationCoverage(database.db, cityOfficer, JINGZHOU);
    expect(coverage.counties.length).toBe(9);
    const shashi = coverage.counties.find((c) => c.code === SHASHI);
    expect(shashi).toMatchObject({ name: '沙市区', gap: false, kinds: { child_welfare_home: { count: 1, beds: 15 } } });
    expect(coverage.counties.find((c) => c.code === '421024000000')).toMatchObject({ name: '江陵县', gap: true });
    expect(coverage.cityLevel[0]).toMatchObject({ cityCode: JINGZHOU, totalBeds: 80 });
    expect(coverage.twoBrands).toEqual([
      expect.objectContaining({ stem: '荆州', sameDivision: true, sharedPhone: true }),
    ]);
    expect(await refusal(organisationCoverage(database.db, cityOfficer, '421002001000'))).toMatchObject({
      code: 'organisations.coverage_level',
      status: 400,
    });
  });
});
