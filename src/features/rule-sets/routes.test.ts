import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { type Factories, factories } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { errorOf } from '../../../test/support/session.js';

const probe = ruleSection('test-probe', z.object({ ackMinutes: z.number().int().positive().default(60) }));

let server: TestServer;
let make: Factories;
// The people this file speaks of, made through the factories (no demo).
const signInAs = (url: string, name: string) => make.signInAs(url, name);
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
});
afterAll(async () => server.close());

const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);

describe('rules as data', () => {
  it('an administrator publishes a version for J city; it applies from its date, below J city only', async () => {
    const admin = await signInAs(server.url, 'admin');
    const published = await admin.request('POST', '/api/rule-sets', {
      scopeCode: '421000000000',
      validFrom: tomorrow,
      rules: { 'test-probe': { ackMinutes: 30 } },
      note: 'faster acknowledgement',
    });
    expect(published.status).toBe(201);
    expect(await published.json()).toEqual({ scopeCode: '421000000000', version: 1, validFrom: tomorrow });

    const db = server.database.db;
    expect((await ruleSetFor(db, '421002101201', tomorrow)).get(probe).ackMinutes).toBe(30);
    expect((await ruleSetFor(db, '421002101201', '2026-01-01')).get(probe).ackMinutes).toBe(60);
    expect((await ruleSetFor(db, '420100000000', tomorrow)).get(probe).ackMinutes).toBe(60);

    const effective = await admin.request('GET', `/api/rule-sets/effective?division=421002101201&asOf=${tomorrow}`);
    const body = (await effective.json()) as { version: string; sections: Record<string, { ackMinutes?: number }> };
    expect(body.version).toBe('421000000000@1');
    expect(body.sections['test-probe']?.ackMinutes).toBe(30);

    const audit = await db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'rule_sets.publish')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual(['421000000000@1']);
  });

  it('refuses a bad document whole, naming the field, and stores nothing', async () => {
    const admin = await signInAs(server.url, 'admin');
    const response = await admin.request(
      'POST',
      '/api/rule-sets',
      { scopeCode: '421000000000', validFrom: tomorrow, rules: { 'test-probe': { ackMinutes: -1 } } },
      { 'accept-language': 'en' },
    );
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('rule_sets.invalid');
    expect(error.message).toContain('test-probe.ackMinutes');
    const count = await server.database.db
      .selectFrom('rule_sets')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses rules for another place, back-dated rules, and people without the permission', async () => {
    const admin = await signInAs(server.url, 'admin');
    expect(
      (
        await errorOf(
          await admin.request('POST', '/api/rule-sets', { scopeCode: '420100000000', validFrom: tomorrow, rules: {} }),
        )
      ).code,
    ).toBe('rule_sets.outside_jurisdiction');
    expect(
      (
        await errorOf(
          await admin.request('POST', '/api/rule-sets', {
            scopeCode: '421000000000',
            validFrom: '2020-01-01',
            rules: {},
          }),
        )
      ).code,
    ).toBe('rule_sets.past_date');
    const officer = await signInAs(server.url, 'officer.city');
    expect(
      (await officer.request('POST', '/api/rule-sets', { scopeCode: '421000000000', validFrom: tomorrow, rules: {} }))
        .status,
    ).toBe(403);
  });
});
