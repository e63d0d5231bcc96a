import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
let city: ApiSession;
let shashi: ApiSession;
let worker: ApiSession;

interface MatrixView {
  cells: { service: string; kind: string; responsibility: string; fromDivision: string }[];
  currentVersion: number;
  canEdit: boolean;
}
interface Report {
  counties: {
    code: string;
    name: string;
    overlaps: { service: string; leaders: { kind: string }[] }[];
    gaps: { service: string }[];
  }[];
  oneTeamTwoBrands: { organisations: { name: string }[]; shared: { by: string; value: string }[] }[];
}
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const tomorrow = () => new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  await make.leadAgency(places.jingzhou, await make.organisationNamed('cityCivilAffairs'));
  await make.organisationNamed('rescueStation');
  await make.organisation({
    name: '荆州市儿童福利院',
    kind: 'child_welfare_home',
    divisionCode: places.jingzhou,
  });
  await make.organisationNamed('protectionCentre');
  // 沙市区 has its education bureau; 公安县 has none (and no school, charity): education support is its gap.
  await make.organisation({ name: '沙市区教育局', kind: 'education', divisionCode: places.shashi });
  city = await make.signInAs(server.url, 'officer.city');
  shashi = await make.signInAs(server.url, 'officer.shashi');
  worker = await make.signInAs(server.url, 'socialworker');
}, 180_000);
afterAll(async () => server?.close());

describe('the responsibility matrix', () => {
  it('reads the defaults for a place; only the city lead agency may edit', async () => {
    const view = await json<MatrixView>(await shashi.request('GET', `/api/service-matrix?division=${places.shashi}`));
    expect(view.cells).toContainEqual(
      expect.objectContaining({ service: 'long_term_care', kind: 'child_welfare_home', responsibility: 'leads' }),
    );
    expect(view.canEdit).toBe(false);
    expect(
      (await json<MatrixView>(await city.request('GET', `/api/service-matrix?division=${places.jingzhou}`))).canEdit,
    ).toBe(true);
    const refused = await shashi.request('PUT', `/api/service-matrix/${places.shashi}`, {
      validFrom: tomorrow(),
      expectedVersion: 0,
      cells: [],
    });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('matrix.not_lead_agency');
    expect(
      (
        await worker.request('PUT', `/api/service-matrix/${places.jingzhou}`, {
          validFrom: tomorrow(),
          expectedVersion: 0,
          cells: [],
        })
      ).status,
    ).toBe(403);
  });

  it('the city sets the welfare home to lead temporary care from a date; the report shows the overlap and a county gap', async () => {
    const edited = await city.request('PUT', `/api/service-matrix/${places.jingzhou}`, {
      validFrom: tomorrow(),
      expectedVersion: 0,
      note: '福利院与救助站均接收无人监护儿童',
      cells: [
        { service: 'temporary_care', kind: 'child_welfare_home', responsibility: 'leads' },
        { service: 'temporary_care', kind: 'rescue_station', responsibility: 'leads' },
        { service: 'temporary_care', kind: 'minor_protection_centre', responsibility: 'takes_part' },
      ],
    });
    expect(edited.status).toBe(200);
    expect((await json<MatrixView>(edited)).currentVersion).toBe(1);
    // Today the old matrix still holds: nothing decided under it changes.
    const today = await json<Report>(
      await city.request('GET', `/api/service-matrix/report?division=${places.jingzhou}`),
    );
    expect(today.counties.find((c) => c.code === places.shashi)?.overlaps ?? []).toEqual([]);
    const report = await json<Report>(
      await city.request('GET', `/api/service-matrix/report?division=${places.jingzhou}&asOf=${tomorrow()}`),
    );
    const shashiReport = report.counties.find((c) => c.code === places.shashi)!;
    expect(shashiReport.overlaps).toEqual([
      expect.objectContaining({
        service: 'temporary_care',
        leaders: expect.arrayContaining([
          expect.objectContaining({ kind: 'rescue_station' }),
          expect.objectContaining({ kind: 'child_welfare_home' }),
        ]),
      }),
    ]);
    expect(shashiReport.gaps.map((g) => g.service)).not.toContain('education_support');
    const gonganReport = report.counties.find((c) => c.code === places.gongan)!;
    expect(gonganReport.gaps).toContainEqual({
      service: 'education_support',
      expectedKinds: ['education', 'school', 'charity'],
    });
    // The drill-down: one county alone.
    const county = await json<Report>(
      await city.request('GET', `/api/service-matrix/report?division=${places.gongan}&asOf=${tomorrow()}`),
    );
    expect(county.counties.map((c) => c.name)).toEqual(['公安县']);
  });

  it('a stale edit is refused (409) and so is a start date in the past (400)', async () => {
    const stale = await city.request('PUT', `/api/service-matrix/${places.jingzhou}`, {
      validFrom: tomorrow(),
      expectedVersion: 0,
      cells: [],
    });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('matrix.stale');
    const past = await city.request('PUT', `/api/service-matrix/${places.jingzhou}`, {
      validFrom: '2020-01-01',
      expectedVersion: 1,
      cells: [],
    });
    expect(past.status).toBe(400);
    expect((await errorOf(past)).details[0]?.path).toBe('body.validFrom');
    const twice = await city.request('PUT', `/api/service-matrix/${places.jingzhou}`, {
      validFrom: tomorrow(),
      expectedVersion: 1,
      cells: [
        { service: 'legal_aid', kind: 'court', responsibility: 'leads' },
        { service: 'legal_aid', kind: 'court', responsibility: 'none' },
      ],
    });
    expect(twice.status).toBe(400);
  });

  it('one team, two brands: the rescue station and the protection centre with one phone', async () => {
    const station = await make.organisation({
      name: '荆州市某县救助管理站',
      kind: 'rescue_station',
      divisionCode: places.gongan,
    });
    const centre = await make.organisation({
      name: '荆州市某县未成年人救助保护中心',
      kind: 'minor_protection_centre',
      divisionCode: places.gongan,
    });
    for (const id of [station.id, centre.id])
      await server.database.db
        .updateTable('organisations')
        .set({ contacts: JSON.stringify([{ name: '周站长', phone: '0716-5221234' }]) })
        .where('id', '=', id)
        .execute();
    const report = await json<Report>(
      await city.request('GET', `/api/service-matrix/report?division=${places.jingzhou}`),
    );
    expect(report.oneTeamTwoBrands).toEqual([
      expect.objectContaining({
        organisations: expect.arrayContaining([
          expect.objectContaining({ name: '荆州市某县救助管理站' }),
          expect.objectContaining({ name: '荆州市某县未成年人救助保护中心' }),
        ]),
        shared: expect.arrayContaining([{ by: 'phone', value: '07165221234' }]),
      }),
    ]);
  });

  it('routing reads the matrix: who provides a service to a place, the lead suggested, nobody where the county has a gap', async () => {
    interface Providers {
      countyCode: string;
      providers: { name: string; kind: string; responsibility: string; suggested: boolean }[];
    }
    const providers = async (division: string, service: string, asOf = '') =>
      json<Providers>(
        await shashi.request(
          'GET',
          `/api/service-matrix/providers?division=${division}&service=${service}${asOf ? `&asOf=${asOf}` : ''}`,
        ),
      );
    // Counselling in a village of 沙市区: the social work organisation leads (suggested), the school takes part.
    const counselling = await providers(places.chenlong, 'psychological_counselling');
    expect(counselling.countyCode).toBe(places.shashi);
    expect(counselling.providers[0]).toMatchObject({
      kind: 'social_work_organisation',
      responsibility: 'leads',
      suggested: true,
    });
    expect(counselling.providers.filter((p) => p.suggested)).toHaveLength(1);
    expect(counselling.providers.map((p) => p.kind)).not.toContain('civil_affairs_bureau');
    // Education support in 沙市区: its education bureau leads; 公安县 has none of the kinds — a gap, nothing suggested.
    expect((await providers(places.shashi, 'education_support')).providers[0]).toMatchObject({
      name: '沙市区教育局',
      suggested: true,
    });
    expect((await providers(places.gongan, 'education_support')).providers).toEqual([]);
    // Temporary care from tomorrow: two kinds lead (the overlap); the leads come before those taking part.
    const care = await providers(places.shashi, 'temporary_care', tomorrow());
    const leads = care.providers.filter((p) => p.responsibility === 'leads').map((p) => p.kind);
    expect(new Set(leads)).toEqual(new Set(['child_welfare_home', 'rescue_station']));
    expect(care.providers.findIndex((p) => p.responsibility === 'takes_part')).toBe(leads.length);
    const unknown = await shashi.request(
      'GET',
      '/api/service-matrix/providers?division=999999999999&service=legal_aid',
    );
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).details[0]?.path).toBe('query.division');
    const badService = await shashi.request('GET', `/api/service-matrix/providers?division=${places.shashi}&service=x`);
    expect(badService.status).toBe(400);
  });
});
