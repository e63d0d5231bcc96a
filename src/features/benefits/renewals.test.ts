import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../contract/benefits/applications.js';
import type { PaymentRunView, RenewalView } from '../../contract/benefits/payments.js';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { renewalSweep } from './renewals.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let orphan: TestChild;

async function post<T>(session: ApiSession, path: string, body: unknown, status = 200): Promise<T> {
  const response = await session.request('POST', path, body);
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

const sweepAt = (iso: string) => renewalSweep.run(server.database.db, new Date(iso));
const paidTo = (run: PaymentRunView, childId: string) =>
  run.lines.filter((l) => l.childId === childId).map((l) => [l.forMonth, l.amountFen]);

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  // She turns 18 on 20 January 2027, still at school.
  orphan = await make.child({ residenceCode: places.chenlong, birthDate: '2009-01-20', sex: 'female' });
  let view = await post<ApplicationView>(
    officer,
    '/api/benefits/applications',
    {
      childId: orphan.id,
      benefitType: '201',
      receivedOn: '2026-03-02',
      applicantKind: 'relative',
      applicantName: '李秀英',
      documents: ['application_form', 'death_certificate'],
    },
    201,
  );
  view = await post(officer, `/api/benefits/applications/${view.id}/actions`, {
    type: 'verify',
    expectedSeq: view.seq,
    occurredOn: '2026-03-10',
    findings: '父母均已死亡，属实',
    recommendation: 'approve',
  });
  await post(officer, `/api/benefits/applications/${view.id}/actions`, {
    type: 'approve',
    expectedSeq: view.seq,
    occurredOn: '2026-03-20',
  });
});
afterAll(async () => server.close());

describe('an orphan turning 18 in school is renewed to the end of her studies', () => {
  it('about to age out → over age awaiting renewal → renewed → renewal ended, each state a clock; payments follow', async () => {
    expect(await sweepAt('2026-10-01T09:00:00+08:00')).toEqual({ started: 0, overAge: 0, ended: 0 });
    expect(await sweepAt('2026-11-01T09:00:00+08:00')).toEqual({ started: 1, overAge: 0, ended: 0 });
    let list = (await (await officer.request('GET', '/api/benefits/renewals')).json()) as { items: RenewalView[] };
    expect(list.items).toEqual([
      expect.objectContaining({
        childId: orphan.id,
        status: 'about_to_age_out',
        agesOutOn: '2027-01-20',
        clockRule: 'benefit.age_out',
        dueOn: '2027-01-20',
      }),
    ]);
    const january = await post<PaymentRunView>(
      officer,
      '/api/benefits/payment-runs',
      { county: places.shashi, month: '2027-01' },
      201,
    );
    expect(paidTo(january, orphan.id)).toEqual([['2027-01', 130_000]]);

    expect(await sweepAt('2027-01-25T09:00:00+08:00')).toEqual({ started: 0, overAge: 1, ended: 0 });
    let renewal = (await (
      await officer.request('GET', `/api/benefits/renewals/${list.items[0]!.id}`)
    ).json()) as RenewalView;
    expect(renewal).toMatchObject({ status: 'awaiting_renewal', clockRule: 'benefit.renewal_awaited' });
    expect(renewal.steps.map((s) => s.statusAfter)).toEqual(['about_to_age_out', 'awaiting_renewal']);
    // Over age and not yet renewed: February is not paid.
    const february = await post<PaymentRunView>(
      officer,
      '/api/benefits/payment-runs',
      { county: places.shashi, month: '2027-02' },
      201,
    );
    expect(paidTo(february, orphan.id)).toEqual([]);
    expect(february.changes).toEqual([
      expect.objectContaining({ childId: orphan.id, change: 'ended', reason: 'aged_out' }),
    ]);

    const tooLate = await officer.request('POST', `/api/benefits/renewals/${renewal.id}/actions`, {
      type: 'renew',
      expectedSeq: renewal.seq,
      renewedUntil: '2031-07-01',
      school: '荆州职业技术学院',
    });
    expect(tooLate.status).toBe(400);
    expect((await errorOf(tooLate)).details).toEqual([
      { path: 'body.renewedUntil', code: 'benefits.renewal_until_out_of_range' },
    ]);
    const stale = await officer.request('POST', `/api/benefits/renewals/${renewal.id}/actions`, {
      type: 'renew',
      expectedSeq: renewal.seq - 1,
      renewedUntil: '2029-06-30',
      school: '荆州职业技术学院',
    });
    expect(stale.status).toBe(409);
    const elsewhere = await make.signInAs(server.url, 'officer.gongan');
    expect((await elsewhere.request('GET', `/api/benefits/renewals/${renewal.id}`)).status).toBe(404);
    const director = await make.signInAs(server.url, 'director.chenlong');
    const refused = await director.request('POST', `/api/benefits/renewals/${renewal.id}/actions`, {
      type: 'renew',
      expectedSeq: renewal.seq,
      renewedUntil: '2029-06-30',
      school: '荆州职业技术学院',
    });
    expect(refused.status).toBe(403);

    renewal = await post<RenewalView>(officer, `/api/benefits/renewals/${renewal.id}/actions`, {
      type: 'renew',
      expectedSeq: renewal.seq,
      renewedUntil: '2029-06-30',
      school: '荆州职业技术学院',
    });
    expect(renewal).toMatchObject({
      status: 'renewed',
      renewedUntil: '2029-06-30',
      clockRule: 'benefit.renewal_term',
      dueOn: '2029-06-30',
    });
    // Renewed: March is paid, and February in arrears.
    const march = await post<PaymentRunView>(
      officer,
      '/api/benefits/payment-runs',
      { county: places.shashi, month: '2027-03' },
      201,
    );
    expect(paidTo(march, orphan.id)).toEqual([
      ['2027-02', 130_000],
      ['2027-03', 130_000],
    ]);
    expect(march.changes).toEqual([
      expect.objectContaining({ childId: orphan.id, change: 'new', reason: 'renewed', amountFen: 260_000 }),
    ]);

    expect(await sweepAt('2029-07-02T09:00:00+08:00')).toEqual({ started: 0, overAge: 0, ended: 1 });
    renewal = (await (await officer.request('GET', `/api/benefits/renewals/${renewal.id}`)).json()) as RenewalView;
    expect(renewal).toMatchObject({ status: 'renewal_ended', clockRule: null });
    expect(renewal.steps.map((s) => s.type)).toEqual(['notice', 'over_age', 'renew', 'end']);
    const clocks = await server.database.db
      .selectFrom('clocks')
      .select(['rule', 'state'])
      .where('child_id', '=', orphan.id)
      .where('rule', 'in', ['benefit.age_out', 'benefit.renewal_awaited', 'benefit.renewal_term'])
      .orderBy('rule')
      .execute();
    // Not renewed before her birthday: the first clock was missed; the others met.
    expect(clocks).toEqual([
      { rule: 'benefit.age_out', state: 'missed' },
      { rule: 'benefit.renewal_awaited', state: 'met' },
      { rule: 'benefit.renewal_term', state: 'met' },
    ]);
    list = (await (await officer.request('GET', '/api/benefits/renewals?status=renewal_ended')).json()) as {
      items: RenewalView[];
    };
    expect(list.items).toHaveLength(1);
  });
});
