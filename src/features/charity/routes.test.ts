import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let gongan: ApiSession;
let charity: ApiSession;
let child: TestChild;

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
interface Need {
  id: string;
  seq: number;
  status: string;
  childName: string | null;
  description: string;
  allowedActions: string[];
  receipt: { number: string; receivedBy: string; items: string; amountFen: number | null } | null;
}
interface Volunteer {
  id: string;
  version: number;
  check: string;
  checkExpiresOn: string | null;
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  child = await make.child({ name: '陈小禾', residenceCode: places.chenlong, birthDate: '2015-05-01' });
  officer = await make.signInAs(server.url, 'officer.shashi');
  gongan = await make.signInAs(server.url, 'officer.gongan');
  const org = await make.organisation({ name: '荆州市爱心慈善会', kind: 'charity', divisionCode: places.jingzhou });
  charity = await make.signedIn(server.url, 'charity_coordinator', { organisation: org, displayName: '刘协调' });
});
afterAll(async () => server?.close());

describe('charity: a need from a child’s plan matched to a donation and handed over with a receipt', () => {
  let need: Need;
  let donationId: string;

  it('the officer raises a need; the charity sees what it requires but not whom', async () => {
    const raised = await officer.request('POST', '/api/needs', {
      childId: child.id,
      source: 'plan',
      kind: 'winter_clothes',
      description: '10岁女孩冬衣一套、棉被一床',
    });
    expect(raised.status).toBe(201);
    need = await json<Need>(raised);
    expect(need).toMatchObject({ status: 'open', childName: '陈小禾' });
    const seen = await json<{ items: Need[] }>(await charity.request('GET', '/api/needs'));
    const mine = seen.items.find((n) => n.id === need.id);
    expect(mine).toMatchObject({ status: 'open', childName: null, description: '10岁女孩冬衣一套、棉被一床' });
    expect(mine?.allowedActions).toContain('match');
    // Another county's officer neither sees nor reaches it.
    expect((await gongan.request('GET', `/api/needs/${need.id}`)).status).toBe(404);
  });

  it('a donation matched, refused a second time (409), handed over with a receipt', async () => {
    const recorded = await charity.request('POST', '/api/donations', {
      donorKind: 'company',
      donorName: '荆州某商贸有限公司',
      form: 'in_kind',
      goods: '儿童冬衣20套、棉被20床',
      receivedOn: today,
    });
    expect(recorded.status).toBe(201);
    donationId = (await json<{ id: string }>(recorded)).id;
    const float = await charity.request('POST', '/api/donations', {
      donorKind: 'person',
      donorName: '张先生',
      form: 'cash',
      amountFen: 100.5,
      receivedOn: today,
    });
    expect(float.status).toBe(400);
    const matched = await charity.request('POST', `/api/needs/${need.id}/actions`, {
      type: 'match',
      expectedSeq: need.seq,
      donationId,
    });
    expect(matched.status).toBe(200);
    need = await json<Need>(matched);
    expect(need.status).toBe('matched');
    const other = await json<Need>(
      await officer.request('POST', '/api/needs', {
        childId: child.id,
        source: 'visit',
        kind: 'school_fees',
        description: '下学期学杂费',
        amountFen: 80_000,
      }),
    );
    const twice = await charity.request('POST', `/api/needs/${other.id}/actions`, {
      type: 'match',
      expectedSeq: other.seq,
      donationId,
    });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe('charity.donation_matched');
    const handed = await charity.request('POST', `/api/needs/${need.id}/actions`, {
      type: 'hand_over',
      expectedSeq: need.seq,
      handedOn: today,
      receivedBy: '陈小禾的祖母',
    });
    expect(handed.status).toBe(200);
    need = await json<Need>(handed);
    expect(need.status).toBe('handed_over');
    expect(need.receipt).toMatchObject({ receivedBy: '陈小禾的祖母', items: '儿童冬衣20套、棉被20床' });
    expect(need.receipt?.number).toMatch(new RegExp(`^CS${year}\\d{6}$`));
    const totals = await json<{ yearly: { year: number; inKind: number; handedOver: number }[] }>(
      await charity.request('GET', '/api/donations'),
    );
    expect(totals.yearly).toContainEqual({ year, cashFen: 0, inKind: 1, handedOver: 1 });
  });
});

describe('volunteers: a safeguarding check that expires', () => {
  it('an expired check cannot be matched (the message names the date) until it is renewed', async () => {
    const added = await charity.request('POST', '/api/volunteers', {
      name: '李老师',
      skills: ['课业辅导'],
      checkPassedOn: `${year - 2}-03-01`,
    });
    expect(added.status).toBe(201);
    let volunteer = await json<Volunteer>(added);
    expect(volunteer).toMatchObject({ check: 'expired', checkExpiresOn: `${year - 1}-03-01` });
    const need = await json<Need>(
      await officer.request('POST', '/api/needs', {
        childId: child.id,
        source: 'plan',
        kind: 'tutor',
        description: '数学课业辅导，每周一次',
      }),
    );
    const refused = await charity.request('POST', `/api/needs/${need.id}/actions`, {
      type: 'match',
      expectedSeq: need.seq,
      volunteerId: volunteer.id,
    });
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe('charity.volunteer_check_expired');
    expect(error.message).toContain(`${year - 1}-03-01`);
    const inbox = await json<{ sections: Record<string, { kind: string; overdue: boolean }[]> }>(
      await charity.request('GET', '/api/my-work'),
    );
    expect(JSON.stringify(inbox)).toContain('volunteer_check');
    const renewed = await charity.request('POST', `/api/volunteers/${volunteer.id}/check`, {
      expectedVersion: volunteer.version,
      passedOn: today,
    });
    expect(renewed.status).toBe(200);
    volunteer = await json<Volunteer>(renewed);
    expect(volunteer.check).toBe('valid');
    const stale = await charity.request('POST', `/api/volunteers/${volunteer.id}/check`, {
      expectedVersion: 1,
      passedOn: today,
    });
    expect(stale.status).toBe(409);
    const matched = await charity.request('POST', `/api/needs/${need.id}/actions`, {
      type: 'match',
      expectedSeq: need.seq,
      volunteerId: volunteer.id,
    });
    expect(matched.status).toBe(200);
    expect((await json<Need>(matched)).status).toBe('matched');
  });
});

describe('family support: a guidance order’s sessions followed', () => {
  it('records the order, its sessions with clocks, attendance and compliance; once per session', async () => {
    const issued = await officer.request('POST', '/api/guidance-orders', {
      childId: child.id,
      issuedBy: '沙市区人民法院',
      issuedOn: `${year - 1}-01-10`,
      guardian: '陈某（父亲）',
      sessions: 3,
      everyDays: 14,
    });
    expect(issued.status).toBe(201);
    const order = await json<{
      id: string;
      sessions: { number: number; state: string }[];
      compliance: { overdue: number; attended: number };
    }>(issued);
    expect(order.sessions.map((s) => s.state)).toEqual(['overdue', 'overdue', 'overdue']);
    const recorded = await officer.request('POST', `/api/guidance-orders/${order.id}/sessions/1`, {
      heldOn: `${year - 1}-01-24`,
      attended: true,
    });
    expect(recorded.status).toBe(200);
    const after = await json<typeof order>(recorded);
    expect(after.compliance).toMatchObject({ attended: 1, overdue: 2 });
    const again = await officer.request('POST', `/api/guidance-orders/${order.id}/sessions/1`, {
      heldOn: `${year - 1}-01-24`,
      attended: true,
    });
    expect(again.status).toBe(409);
    expect((await gongan.request('GET', `/api/guidance-orders/${order.id}`)).status).toBe(404);
    const inbox = await (await officer.request('GET', '/api/my-work')).text();
    expect(inbox).toContain('guidance_session');
  });
});

describe("family support on the child's file: guardians' vocational training and what the family received", () => {
  interface Training {
    id: string;
    status: string;
    version: number;
    allowedNext: string[];
  }
  it('refers a guardian, follows enrolment and completion forward only, and shows it all on the file', async () => {
    const referred = await officer.request(
      'POST',
      `/api/children/${child.id}/guardian-trainings`,
      { guardian: '陈某（父亲）', course: '电工职业技能培训', provider: '沙市区职业技能培训中心', referredOn: today },
      { 'idempotency-key': 'training-refer-0001' },
    );
    expect(referred.status).toBe(201);
    const training = await json<Training>(referred);
    expect(training).toMatchObject({ status: 'referred', allowedNext: ['enrolled', 'dropped'] });
    const replay = await officer.request(
      'POST',
      `/api/children/${child.id}/guardian-trainings`,
      { guardian: '陈某（父亲）', course: '电工职业技能培训', provider: '沙市区职业技能培训中心', referredOn: today },
      { 'idempotency-key': 'training-refer-0001' },
    );
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const skipped = await officer.request('POST', `/api/guardian-trainings/${training.id}/outcome`, {
      expectedVersion: training.version,
      status: 'completed',
      on: today,
    });
    expect(skipped.status).toBe(409);
    expect((await errorOf(skipped)).message).toContain('已入学');
    const enrolled = await officer.request('POST', `/api/guardian-trainings/${training.id}/outcome`, {
      expectedVersion: training.version,
      status: 'enrolled',
      on: today,
    });
    expect(enrolled.status).toBe(200);
    const stale = await officer.request('POST', `/api/guardian-trainings/${training.id}/outcome`, {
      expectedVersion: training.version,
      status: 'completed',
      on: today,
    });
    expect(stale.status).toBe(409);
    const future = await officer.request('POST', `/api/guardian-trainings/${training.id}/outcome`, {
      expectedVersion: training.version + 1,
      status: 'completed',
      on: `${year + 1}-01-01`,
    });
    expect(future.status).toBe(400);
    const completed = await officer.request('POST', `/api/guardian-trainings/${training.id}/outcome`, {
      expectedVersion: training.version + 1,
      status: 'completed',
      on: today,
    });
    expect((await json<Training>(completed)).status).toBe('completed');

    const file = await json<{
      needs: { id: string }[];
      guidanceOrders: { id: string }[];
      trainings: Training[];
    }>(await officer.request('GET', `/api/children/${child.id}/family-support`));
    expect(file.needs.length).toBeGreaterThan(0);
    expect(file.guidanceOrders.length).toBeGreaterThan(0);
    expect(file.trainings.map((t) => t.status)).toEqual(['completed']);
    // Outside the child's area: neither the file's support nor a referral of its guardian.
    expect((await gongan.request('GET', `/api/children/${child.id}/family-support`)).status).toBe(404);
    expect(
      (
        await gongan.request('POST', `/api/children/${child.id}/guardian-trainings`, {
          guardian: '陈某',
          course: '电工',
          provider: '某中心',
          referredOn: today,
        })
      ).status,
    ).toBe(404);
    // The charity reads needs without identity; the child's file stays out of its sight.
    expect((await charity.request('GET', `/api/children/${child.id}/family-support`)).status).toBe(404);
  });
});
