import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockEscalationSweep, startClock } from '../../core/clocks/index.js';
import { systemActor } from '../../platform/access/actor.js';
import { actorFor, loadUserAccount } from '../../platform/auth/load-actor.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places, type TestChild } from '../../../test/support/factories.js';
import { loadFeatures } from '../../server.js';
import { myWork } from './my-work.js';

let database: TestDatabase;
let near: TestChild;
let far: TestChild;
const started = new Date('2026-03-02T10:00:00+08:00');
const now = new Date(started.getTime() + 3 * 86_400_000);

async function actor(username: string) {
  const user = await database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return actorFor((await loadUserAccount(database.db, user.id))!, { locale: 'zh-CN', ip: null, requestId: null });
}

/** A one-day visit clock on the child, owned by the organisation given, escalated as of `now`. */
async function overdueVisitClock(child: TestChild, ownerOrgId: string) {
  await unitOfWork(database.db, systemActor('test'), 'test.clock', async ({ trx }) => {
    const rules = (await loadRuleSets(trx)).for(child.residenceCode, '2026-03-02');
    await startClock(trx, rules, {
      rule: 'visit.routine',
      ownerOrgId,
      subjectType: 'visit',
      subjectId: child.id,
      childId: child.id,
      divisionCode: child.residenceCode,
      startedAt: started,
      duration: { days: 1 },
    });
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await loadFeatures();
  const make = factories(database.db);
  await make.cast('officer.shashi', 'officer.gongan');
  near = await make.child();
  far = await make.child({ residenceCode: places.nongli });
  const shashi = (await make.organisationNamed('shashiCivilAffairs')).id;
  // Both clocks belong to 沙市区's bureau; one child lives in 公安县, outside its officer's scope.
  await overdueVisitClock(near, shashi);
  await overdueVisitClock(far, shashi);
  await clockEscalationSweep.run(database.db, now);
}, 120_000);
afterAll(async () => database.drop());

describe('escalations in "my work"', () => {
  it('name the child they are about — only to a reader who may see that child', async () => {
    const work = await myWork(database.db, await actor('officer.shashi'), now);
    const visits = work.alerts.filter((alert) => alert.rule === 'visit.routine');
    const named = visits.filter((alert) => alert.childId === near.id);
    const unnamed = visits.filter((alert) => alert.childId === null);
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((alert) => alert.childName === near.name)).toBe(true);
    // The other clock's alerts are still shown (the organisation owns the late step), without the child.
    expect(unnamed.length).toBeGreaterThan(0);
    expect(named.length + unnamed.length).toBe(visits.length);
    expect(unnamed.every((alert) => alert.childName === null)).toBe(true);
    expect(JSON.stringify(work)).not.toContain(far.name);
    expect(JSON.stringify(work)).not.toContain(far.id);
  });
});
