import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { type Actor, systemActor } from '../../platform/access/actor.js';
import { DomainError } from '../../platform/errors.js';
import { clearLeadAgency, getLeadAgency, listLeadAgencies, setLeadAgency } from './lead-agencies.js';
import type { CreateOrganisationInput, Organisation } from '../../contract/organisations/organisations.js';
import { createOrganisation, deactivateOrganisation } from './service.js';

let database: TestDatabase;
const JINGZHOU = '421000000000';
const GONGAN = '421022000000';
const SHASHI = '421002000000';
const system = systemActor('test');
const cityOfficer: Actor = {
  kind: 'user',
  userId: randomUUID(),
  organisationId: null,
  label: 'city officer',
  roles: [],
  permissions: new Set(['organisations.read', 'organisations.manage']),
  jurisdiction: [JINGZHOU],
  locale: 'zh-CN',
  ip: null,
  requestId: null,
};

async function make(name: string, kind: CreateOrganisationInput['kind'], divisionCode: string): Promise<Organisation> {
  return (await createOrganisation(database.db, system, { name, kind, divisionCode, contacts: [], services: [] }))
    .organisation;
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

let gonganBureau: Organisation;
let gonganCommittee: Organisation;
beforeAll(async () => {
  database = await createTestDatabase();
  gonganBureau = await make('公安县民政局', 'civil_affairs_bureau', GONGAN);
  gonganCommittee = await make('公安县妇女儿童工作委员会', 'women_children_committee', GONGAN);
});
afterAll(async () => database.drop());

describe('lead agencies', () => {
  it('defaults to the civil affairs bureau of the county when nothing is recorded', async () => {
    const lead = await getLeadAgency(database.db, cityOfficer, GONGAN, '2025-01-01');
    expect(lead).toMatchObject({
      divisionName: '公安县',
      source: 'default',
      current: { organisationId: gonganBureau.id },
      history: [],
    });
    expect(await getLeadAgency(database.db, cityOfficer, '421024000000', '2025-01-01')).toMatchObject({
      source: 'none',
      current: null,
    });
  });

  it('keeps the history when the 2024 law moves the lead to the women-and-children committee', async () => {
    await setLeadAgency(
      database.db,
      cityOfficer,
      GONGAN,
      { organisationId: gonganBureau.id, validFrom: '2020-01-01', note: '县政府文件' },
      '2020-01-01',
    );
    const moved = await setLeadAgency(
      database.db,
      cityOfficer,
      GONGAN,
      { organisationId: gonganCommittee.id, validFrom: '2024-12-01' },
      '2025-01-01',
    );
    expect(moved).toMatchObject({
      source: 'assigned',
      current: { organisationId: gonganCommittee.id, organisationKind: 'women_children_committee' },
    });
    expect(moved.history).toEqual([
      {
        organisationId: gonganCommittee.id,
        organisationName: '公安县妇女儿童工作委员会',
        organisationKind: 'women_children_committee',
        validFrom: '2024-12-01',
        validTo: null,
        note: null,
      },
      {
        organisationId: gonganBureau.id,
        organisationName: '公安县民政局',
        organisationKind: 'civil_affairs_bureau',
        validFrom: '2020-01-01',
        validTo: '2024-12-01',
        note: '县政府文件',
      },
    ]);
    expect((await getLeadAgency(database.db, cityOfficer, GONGAN, '2024-06-01')).current?.organisationId).toBe(
      gonganBureau.id,
    );

    const again = await setLeadAgency(
      database.db,
      cityOfficer,
      GONGAN,
      { organisationId: gonganCommittee.id, validFrom: '2025-01-01' },
      '2025-01-01',
    );
    expect(again.history).toHaveLength(2);
    const early = await refusal(
      setLeadAgency(
        database.db,
        cityOfficer,
        GONGAN,
        { organisationId: gonganBureau.id, validFrom: '2023-01-01' },
        '2025-01-01',
      ),
    );
    expect(early).toMatchObject({
      code: 'organisations.lead_too_early',
      status: 400,
      params: { field: 'validFrom', earliest: '2024-12-01' },
    });

    const still = await refusal(
      deactivateOrganisation(database.db, cityOfficer, gonganCommittee.id, gonganCommittee.version, '2025-01-01'),
    );
    expect(still).toMatchObject({
      code: 'organisations.lead_still_leading',
      status: 409,
      params: { divisions: GONGAN },
    });

    const cleared = await clearLeadAgency(database.db, cityOfficer, GONGAN, '2025-03-01', '2025-03-01');
    expect(cleared).toMatchObject({ source: 'default', current: { organisationId: gonganBureau.id } });
    expect(cleared.history[0]).toMatchObject({ organisationId: gonganCommittee.id, validTo: '2025-03-01' });
    expect(await refusal(clearLeadAgency(database.db, cityOfficer, GONGAN, '2025-04-01', '2025-04-01'))).toMatchObject({
      code: 'organisations.lead_nothing_to_clear',
      status: 409,
    });

    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', GONGAN)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'lead_agency.set',
      'lead_agency.set',
      'lead_agency.set',
      'lead_agency.clear',
    ]);
  });

  it('corrects a same-day decision in place', async () => {
    const cityBureau = await make('荆州市民政局', 'civil_affairs_bureau', JINGZHOU);
    const cityCommittee = await make('荆州市妇女儿童工作委员会', 'women_children_committee', JINGZHOU);
    await setLeadAgency(database.db, cityOfficer, JINGZHOU, { organisationId: cityBureau.id }, '2025-05-01');
    const corrected = await setLeadAgency(
      database.db,
      cityOfficer,
      JINGZHOU,
      { organisationId: cityCommittee.id, note: '更正' },
      '2025-05-01',
    );
    expect(corrected.history).toEqual([
      expect.objectContaining({
        organisationId: cityCommittee.id,
        validFrom: '2025-05-01',
        validTo: null,
        note: '更正',
      }),
    ]);
    const all = await listLeadAgencies(database.db, cityOfficer, JINGZHOU, '2025-05-01');
    expect(all.map((lead) => lead.divisionCode)).toEqual([
      JINGZHOU,
      SHASHI,
      '421003000000',
      GONGAN,
      '421024000000',
      '421071000000',
      '421081000000',
      '421083000000',
      '421087000000',
      '421088000000',
    ]);
    expect(all[0]).toMatchObject({ source: 'assigned', current: { organisationId: cityCommittee.id } });
  });

  it('lets only a civil affairs bureau or women-and-children committee of that city or county lead', async () => {
    const police = await make('公安县公安局', 'police', GONGAN);
    const shashiBureau = await make('沙市区民政局', 'civil_affairs_bureau', SHASHI);
    expect(await refusal(setLeadAgency(database.db, cityOfficer, GONGAN, { organisationId: police.id }))).toMatchObject(
      { code: 'organisations.lead_kind', params: { field: 'organisationId' } },
    );
    expect(
      await refusal(setLeadAgency(database.db, cityOfficer, GONGAN, { organisationId: shashiBureau.id })),
    ).toMatchObject({ code: 'organisations.lead_outside_area', status: 400 });
    expect(
      await refusal(setLeadAgency(database.db, cityOfficer, GONGAN, { organisationId: randomUUID() })),
    ).toMatchObject({ code: 'organisations.organisation_unknown' });
    expect(
      await refusal(setLeadAgency(database.db, cityOfficer, '421002001000', { organisationId: shashiBureau.id })),
    ).toMatchObject({ code: 'organisations.lead_level', status: 400 });
    expect(
      await refusal(setLeadAgency(database.db, cityOfficer, '421099000000', { organisationId: shashiBureau.id })),
    ).toMatchObject({ code: 'organisations.division_unknown', status: 400 });
    const countyOfficer = { ...cityOfficer, jurisdiction: [SHASHI] };
    expect(
      await refusal(setLeadAgency(database.db, countyOfficer, GONGAN, { organisationId: gonganBureau.id })),
    ).toMatchObject({ code: 'organisations.outside_jurisdiction', status: 403 });
  });
});
