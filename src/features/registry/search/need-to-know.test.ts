import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import type { ApiSession } from '../../../../test/support/session.js';
import type { DuplicatePair } from '../../../contract/registry/search.js';
import { recordDuplicateCandidates } from './duplicates.js';
import { addChild, places } from './test-fixtures.js';

/*
 * Issue 15, need-to-know and the duplicate review: a rescue station that serves two children only
 * through referrals (sharing identity) is no registrar of their files. It neither sees the pair of
 * their files in the review queue nor decides it, and a registration check by its staff only counts
 * a match with them, as with a file outside its area. The county officer (whole files) still does all.
 */

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let staff: ApiSession;
let pair: { id: string; a: string; b: string; code: string };
const draft = { name: '梁思雨', birthDate: '2015-06-01', idNumber: null, residenceCode: places.chenlong };

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const queue = async (session: ApiSession) => {
  const response = await session.request('GET', '/api/duplicates?state=open&pageSize=100');
  expect(response.status).toBe(200);
  return json<{ items: DuplicatePair[]; total: number; elsewhere: number }>(response);
};

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  make = factories(db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  const station = await make.organisationNamed('rescueStation');
  staff = await make.signedIn(server.url, 'institution_staff', { organisation: station });
  const a = await addChild(db, { name: draft.name, birthDate: draft.birthDate });
  const b = await addChild(db, { name: draft.name, birthDate: '2015-06-02' });
  await db
    .transaction()
    .execute((trx) =>
      recordDuplicateCandidates(trx, a, [
        { childId: b, score: 90, reasons: [{ code: 'same_name' }, { code: 'same_birth_date' }] },
      ]),
    );
  const row = await db
    .selectFrom('duplicate_candidates')
    .select('id')
    .where('child_a', 'in', [a, b])
    .executeTakeFirstOrThrow();
  const { haven_code } = await db
    .selectFrom('children')
    .select('haven_code')
    .where('id', '=', a)
    .executeTakeFirstOrThrow();
  pair = { id: row.id, a, b, code: haven_code };
  // The county refers both children to the station for temporary care, sharing identity only; it accepts.
  for (const childId of [a, b]) {
    const made = await officer.request('POST', '/api/referrals', {
      childId,
      toOrganisationId: station.id,
      service: 'temporary_care',
      shares: ['identity'],
      reason: '父母外出务工，暂无人照料',
      consent: { guardian: 'given', child: 'given' },
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const { id } = await json<{ id: string }>(made);
    const accepted = await staff.request('POST', `/api/referrals/${id}/actions`, { type: 'accept', expectedSeq: 1 });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
  }
  // The station does read the children it serves (identity): the referral works.
  expect((await staff.request('GET', `/api/children/${a}`)).status).toBe(200);
}, 180_000);
afterAll(async () => server?.close());

describe('duplicate review for a reader who serves the children through referrals', () => {
  it('the review queue holds no pair of their files for the station; the county officer has it', async () => {
    const seen = await queue(staff);
    expect(seen.items.map((p) => p.id)).not.toContain(pair.id);
    expect(seen.total).toBe(0);
    expect((await queue(officer)).items.map((p) => p.id)).toContain(pair.id);
  });

  it('the station cannot decide the pair (404, like a pair it does not see); the officer can', async () => {
    const version = (await queue(officer)).items.find((p) => p.id === pair.id)!.version;
    const refused = await staff.request('POST', `/api/duplicates/${pair.id}/not-same`, {
      version,
      reason: '机构认为不是同一儿童',
    });
    expect(refused.status, await refused.clone().text()).toBe(404);
    expect((await queue(officer)).items.find((p) => p.id === pair.id)?.state).toBe('open');
  });

  it('a registration check by its staff counts a match with them, never describes it; the officer sees the files', async () => {
    const response = await staff.request('POST', '/api/children/duplicate-check', draft);
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await response.text();
    const seen = JSON.parse(body) as { candidates: unknown[]; elsewhere: number };
    expect(seen.candidates).toEqual([]);
    expect(seen.elsewhere).toBeGreaterThanOrEqual(1);
    expect(body).not.toContain(pair.code);
    const full = await json<{ candidates: { havenCode: string }[] }>(
      await officer.request('POST', '/api/children/duplicate-check', draft),
    );
    expect(full.candidates.map((c) => c.havenCode)).toContain(pair.code);
  });
});
