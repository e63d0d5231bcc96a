import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let charity: ApiSession;
let otherCharity: ApiSession;
let projectId: string;

const dayFrom = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const today = dayFrom(0);
const year = Number(today.slice(0, 4));
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
interface Activity {
  id: string;
  version: number;
  held: boolean;
  project: { id: string; title: string } | null;
  matched: { volunteerId: string; name: string; hours: number | null }[];
  candidates: { volunteerId: string; skillsMatched: string[]; check: string }[];
}
interface Volunteer {
  id: string;
  version: number;
  hours: number;
  check: string;
}

const activityBody = (overrides: Record<string, unknown> = {}) => ({
  title: '周末课业辅导与陪伴活动',
  heldOn: today,
  divisionCode: places.cenhe,
  place: '岑河镇儿童之家',
  skills: ['课业辅导'],
  places: 3,
  ageFrom: 8,
  ageTo: 12,
  projectId,
  ...overrides,
});
const volunteer = async (name: string, checkPassedOn?: string) => {
  const added = await charity.request('POST', '/api/volunteers', { name, skills: ['课业辅导'], checkPassedOn });
  expect(added.status).toBe(201);
  return json<Volunteer>(added);
};

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  const org = await make.organisation({ name: '荆州市爱心志愿服务队', kind: 'charity', divisionCode: places.jingzhou });
  charity = await make.signedIn(server.url, 'charity_coordinator', { organisation: org, displayName: '刘协调' });
  const other = await make.organisation({ name: '荆州市另一慈善会', kind: 'charity', divisionCode: places.jingzhou });
  otherCharity = await make.signedIn(server.url, 'charity_coordinator', { organisation: other, displayName: '赵协调' });
  const created = await officer.request('POST', '/api/projects', {
    title: '沙市区志愿服务项目',
    providerOrganisationId: org.id,
    startsOn: `${year - 1}-01-01`,
    endsOn: `${year + 1}-12-31`,
    areaCodes: [places.shashi],
    services: [],
    budgetFen: 1_000_000,
    paymentSchedule: [{ dueOn: `${year - 1}-02-01`, plannedFen: 1_000_000 }],
    indicators: [{ kind: 'volunteer_hours', target: 10 }],
  });
  expect(created.status).toBe(201);
  projectId = (await json<{ id: string }>(created)).id;
});
afterAll(async () => server?.close());

describe('volunteer activities: matched by a valid check, hours counted for the volunteer and the project', () => {
  let activity: Activity;
  let lapsed: Volunteer;

  it('plans an activity of the project; outside the area or of a project not provided → 422/404', async () => {
    const outside = await charity.request(
      'POST',
      '/api/volunteer-activities',
      activityBody({ divisionCode: '110101000000' }),
    );
    expect(outside.status).toBe(422);
    expect((await errorOf(outside)).code).toBe('charity.activity_outside');
    const ages = await charity.request('POST', '/api/volunteer-activities', activityBody({ ageFrom: 12, ageTo: 8 }));
    expect(ages.status).toBe(400);
    const notMine = await otherCharity.request('POST', '/api/volunteer-activities', activityBody());
    expect(notMine.status).toBe(404);
    const key = { 'Idempotency-Key': 'activity-create-0001' };
    const created = await charity.request('POST', '/api/volunteer-activities', activityBody(), key);
    expect(created.status).toBe(201);
    activity = await json<Activity>(created);
    expect(activity).toMatchObject({
      held: true,
      project: { id: projectId, title: '沙市区志愿服务项目' },
      matched: [],
    });
    const replay = await charity.request('POST', '/api/volunteer-activities', activityBody(), key);
    expect((await json<Activity>(replay)).id).toBe(activity.id);
    // Another charity neither lists nor reaches it.
    const theirs = await json<{ items: Activity[] }>(await otherCharity.request('GET', '/api/volunteer-activities'));
    expect(theirs.items).toEqual([]);
  });

  it('an expired check cannot be matched to an activity (the message names the date); a renewed one can', async () => {
    let expired = await volunteer('李老师', `${year - 2}-03-01`);
    const refused = await charity.request('POST', `/api/volunteer-activities/${activity.id}/volunteers`, {
      expectedVersion: activity.version,
      volunteerId: expired.id,
    });
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe('charity.volunteer_check_expired');
    expect(error.message).toContain(`${year - 1}-03-01`);
    const unchecked = await volunteer('周同学');
    const none = await charity.request('POST', `/api/volunteer-activities/${activity.id}/volunteers`, {
      expectedVersion: activity.version,
      volunteerId: unchecked.id,
    });
    expect((await errorOf(none)).code).toBe('charity.volunteer_unchecked');
    const english = await charity.request(
      'POST',
      `/api/volunteer-activities/${activity.id}/volunteers`,
      { expectedVersion: activity.version, volunteerId: expired.id },
      { 'Accept-Language': 'en' },
    );
    expect((await errorOf(english)).message).toMatch(/expired on \d{4}-03-01/);
    expired = await json<Volunteer>(
      await charity.request('POST', `/api/volunteers/${expired.id}/check`, {
        expectedVersion: expired.version,
        passedOn: today,
      }),
    );
    expect(expired.check).toBe('valid');
    const matched = await charity.request('POST', `/api/volunteer-activities/${activity.id}/volunteers`, {
      expectedVersion: activity.version,
      volunteerId: expired.id,
    });
    expect(matched.status).toBe(200);
    activity = await json<Activity>(matched);
    expect(activity.matched.map((m) => m.name)).toEqual(['李老师']);
    const twice = await charity.request('POST', `/api/volunteer-activities/${activity.id}/volunteers`, {
      expectedVersion: activity.version,
      volunteerId: expired.id,
    });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe('charity.volunteer_matched');
    const fresh = await volunteer('王姐姐', today);
    const stale = await charity.request('POST', `/api/volunteer-activities/${activity.id}/volunteers`, {
      expectedVersion: activity.version - 1,
      volunteerId: fresh.id,
    });
    expect(stale.status).toBe(409);
    expect(activity.candidates.find((c) => c.volunteerId === fresh.id)).toBeUndefined(); // added after the read
    const elsewhere = await otherCharity.request('POST', `/api/volunteer-activities/${activity.id}/volunteers`, {
      expectedVersion: activity.version,
      volunteerId: fresh.id,
    });
    expect(elsewhere.status).toBe(404);
  });

  it('a check that lapses before the day of the activity is refused, naming both days', async () => {
    const later = await json<Activity>(
      await charity.request(
        'POST',
        '/api/volunteer-activities',
        activityBody({ heldOn: dayFrom(40), projectId: undefined }),
      ),
    );
    const passed = new Date(Date.parse(`${dayFrom(10)}T00:00:00Z`));
    passed.setUTCFullYear(passed.getUTCFullYear() - 1);
    lapsed = await volunteer('陈大哥', passed.toISOString().slice(0, 10));
    const refused = await charity.request('POST', `/api/volunteer-activities/${later.id}/volunteers`, {
      expectedVersion: later.version,
      volunteerId: lapsed.id,
    });
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe('charity.volunteer_check_lapses');
    expect(error.message).toContain(dayFrom(40));
    const early = await charity.request('POST', `/api/volunteer-activities/${later.id}/hours`, {
      expectedVersion: later.version,
      hours: [{ volunteerId: lapsed.id, hours: 2 }],
    });
    expect(early.status).toBe(422);
    expect((await errorOf(early)).code).toBe('charity.activity_not_held');
  });

  it('hours recorded after the activity count for the volunteer and the project, once', async () => {
    const [match] = activity.matched;
    const before = await json<{ items: Volunteer[] }>(await charity.request('GET', '/api/volunteers'));
    const hoursBefore = before.items.find((v) => v.id === match?.volunteerId)?.hours ?? 0;
    const notMatched = await charity.request('POST', `/api/volunteer-activities/${activity.id}/hours`, {
      expectedVersion: activity.version,
      hours: [{ volunteerId: lapsed.id, hours: 2 }],
    });
    expect(notMatched.status).toBe(422);
    const key = { 'Idempotency-Key': 'activity-hours-0001' };
    const body = { expectedVersion: activity.version, hours: [{ volunteerId: match?.volunteerId, hours: 3 }] };
    const recorded = await charity.request('POST', `/api/volunteer-activities/${activity.id}/hours`, body, key);
    expect(recorded.status).toBe(200);
    activity = await json<Activity>(recorded);
    expect(activity.matched[0]?.hours).toBe(3);
    const replay = await charity.request('POST', `/api/volunteer-activities/${activity.id}/hours`, body, key);
    expect(replay.status).toBe(200);
    const again = await charity.request('POST', `/api/volunteer-activities/${activity.id}/hours`, {
      expectedVersion: activity.version,
      hours: [{ volunteerId: match?.volunteerId, hours: 3 }],
    });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('charity.hours_recorded');
    const after = await json<{ items: Volunteer[] }>(await charity.request('GET', '/api/volunteers'));
    expect(after.items.find((v) => v.id === match?.volunteerId)?.hours).toBe(hoursBefore + 3);
    const project = await json<{ indicators: { kind: string; actual: number }[] }>(
      await officer.request('GET', `/api/projects/${projectId}`),
    );
    expect(project.indicators.find((i) => i.kind === 'volunteer_hours')?.actual).toBe(3);
  });
});
