import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../contract/benefits/applications.js';
import type { BenefitReview } from '../../contract/benefits/reviews.js';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';
import { registerSweep, runSweeps } from '../../platform/jobs/sweeps.js';
import { basisSweep } from './basis-sweep.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;

async function json<T>(response: Response, status = 200): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

/** Father in prison until `until`, mother dead: de facto unsupported, 120 approved in January 2027. */
async function approved120(
  birthDate: string,
  until: string,
): Promise<{ child: TestChild; application: ApplicationView }> {
  const child = await make.child({ residenceCode: places.chenlong, birthDate });
  await make.familyMember(child, {
    relation: 'father',
    name: '何大山',
    situations: [{ kind: 'imprisoned', since: '2024-03-01', until }],
  });
  await make.familyMember(child, {
    relation: 'mother',
    name: '林小芳',
    situations: [{ kind: 'deceased', since: '2023-05-01' }],
  });
  let view = await json<ApplicationView>(
    await officer.request('POST', '/api/benefits/applications', {
      childId: child.id,
      benefitType: '120',
      receivedOn: '2026-12-01',
      applicantKind: 'relative',
      applicantName: '何奶奶',
    }),
    201,
  );
  const act = async (body: Record<string, unknown>) =>
    json<ApplicationView>(
      await officer.request('POST', `/api/benefits/applications/${view.id}/actions`, {
        expectedSeq: view.seq,
        ...body,
      }),
    );
  view = await act({ type: 'verify', findings: '父亲服刑，母亲死亡', recommendation: 'approve' });
  view = await act({ type: 'approve' });
  return { child, application: view };
}

const sweep = async (iso: string) => {
  const reports = await runSweeps(server.database.db, new Date(iso));
  if (reports === 'busy') throw new Error('sweeps busy');
  return reports.find((r) => r.sweep === basisSweep.name)!.outcome;
};
const reviewsOf = async (application: ApplicationView) =>
  json<BenefitReview[]>(await officer.request('GET', `/api/benefits/applications/${application.id}/reviews`));
const applicationOf = async (application: ApplicationView) =>
  json<ApplicationView>(await officer.request('GET', `/api/benefits/applications/${application.id}`));

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  registerSweep(basisSweep);
});
afterAll(async () => server.close());

describe('approved benefits whose basis lapsed by date', () => {
  let released: Awaited<ReturnType<typeof approved120>>;
  let turning18: Awaited<ReturnType<typeof approved120>>;

  beforeAll(async () => {
    released = await approved120('2015-04-04', '2027-02-15');
    turning18 = await approved120('2009-02-12', '2030-01-01');
  });

  it('before the dates nothing happens (a first run reads everything)', async () => {
    expect(await sweep('2027-02-10T09:00:00+08:00')).toEqual({ full: 1, children: 0, reviewsOpened: 0, agedOut: 0 });
    expect(await reviewsOf(released.application)).toEqual([]);
    expect((await applicationOf(turning18.application)).status).toBe('approved');
  });

  it("the father's prison term ended: a review for the county with a clock, the benefit goes on until decided; at 18 the benefit ends as over age", async () => {
    expect(await sweep('2027-02-16T09:00:00+08:00')).toEqual({ full: 0, children: 1, reviewsOpened: 1, agedOut: 1 });
    const [review] = await reviewsOf(released.application);
    expect(review).toMatchObject({
      status: 'open',
      category: 'de_facto_unsupported',
      cause: { fact: 'situation_ended', situation: 'imprisoned', endedOn: '2027-02-15' },
    });
    const view = await applicationOf(released.application);
    expect(view.status).toBe('approved');
    expect(view.clocks).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'benefit.review' })]));

    const aged = await applicationOf(turning18.application);
    expect(aged.status).toBe('ended');
    expect(JSON.stringify(aged)).toContain('over_age');
    expect(await reviewsOf(turning18.application)).toEqual([]);
  });

  it('running again raises nothing twice: the same moment, a later window, and the weekly full pass after the county kept it', async () => {
    expect(await sweep('2027-02-16T09:00:00+08:00')).toEqual({ full: 0, children: 0, reviewsOpened: 0, agedOut: 0 });
    expect(await sweep('2027-02-17T08:00:00+08:00')).toEqual({ full: 0, children: 0, reviewsOpened: 0, agedOut: 0 });
    const [review] = await reviewsOf(released.application);
    await json(
      await officer.request('POST', `/api/benefits/reviews/${review!.id}/decision`, {
        decision: 'keep',
        note: '父亲出狱后重病，仍无力抚养',
        version: review!.version,
      }),
    );
    expect(await sweep('2027-02-25T09:00:00+08:00')).toEqual({ full: 1, children: 0, reviewsOpened: 0, agedOut: 0 });
    expect(await reviewsOf(released.application)).toHaveLength(1);
  });
});
