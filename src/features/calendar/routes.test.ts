import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClock } from '../../core/clocks/index.js';
import { resolveRuleSet } from '../../platform/rules/rule-set.js';
import { type Factories, factories } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { errorOf } from '../../../test/support/session.js';
import { runNextJob } from '../../platform/jobs/worker.js';
import { recomputeJob, recomputeJobKind } from './accept.js';
import { arrangementProblems, parseArrangementFile } from './rules.js';

let server: TestServer;
let make: Factories;
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
});
afterAll(async () => server.close());

// The 2027 arrangement as the State Council might announce it (New Year, Spring Festival, a working Sunday).
const year2027 = {
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
  workdays: ['2027-02-14'],
  note: '国办发明电〔2026〕X号',
};

describe('the holiday calendar as data an administrator loads', () => {
  it('the file formats and the checks of an arrangement are pure', () => {
    expect(parseArrangementFile('date,kind\n2027-01-01,休\n2027-02-14,班\n')).toEqual({
      holidays: ['2027-01-01'],
      workdays: ['2027-02-14'],
    });
    expect(parseArrangementFile('{"holidays":["2027-01-01"],"workdays":[]}')).toEqual({
      holidays: ['2027-01-01'],
      workdays: [],
    });
    expect(parseArrangementFile('2027-01-01,maybe')).toBeNull();
    expect(
      arrangementProblems(2027, {
        holidays: ['2027-01-01', '2027-01-01', '2026-06-01'],
        workdays: ['2027-01-01', '2027-01-04'],
      }),
    ).toEqual([
      { path: 'body.holidays.1', code: 'duplicate', date: '2027-01-01' },
      { path: 'body.holidays.2', code: 'outside_year', date: '2026-06-01' },
      { path: 'body.workdays.0', code: 'workday_not_weekend', date: '2027-01-01' },
      { path: 'body.workdays.0', code: 'contradiction', date: '2027-01-01' },
      { path: 'body.workdays.1', code: 'workday_not_weekend', date: '2027-01-04' },
    ]);
  });

  it('a contradictory arrangement is refused naming the date, and nothing is stored or recomputed', async () => {
    const admin = await make.signInAs(server.url, 'admin');
    const response = await admin.request(
      'PUT',
      '/api/calendar/2027',
      { holidays: ['2027-01-02'], workdays: ['2027-01-02'] },
      { 'accept-language': 'en' },
    );
    expect(response.status).toBe(400);
    const body = await errorOf(response);
    expect(body.code).toBe('calendar.invalid');
    expect(body.message).toContain('2027-01-02');
    expect(body.message).toContain('both a day off and a working day');
    expect(body.details).toEqual(
      expect.arrayContaining([
        { path: 'body.workdays.0', code: 'calendar.problem.contradiction', params: { date: '2027-01-02' } },
      ]),
    );
    const stored = await server.database.db.selectFrom('holiday_arrangements').select('year').execute();
    expect(stored).toEqual([]);
  });

  it('only an administrator with calendar.manage loads a year; loading makes a January 2027 deadline settled, with its history', async () => {
    const officer = await make.signInAs(server.url, 'officer.shashi');
    expect((await officer.request('PUT', '/api/calendar/2027', year2027)).status).toBe(403);
    const owner = await make.organisationNamed('shashiCivilAffairs');
    const db = server.database.db;
    const clockId = await db.transaction().execute((trx) =>
      startClock(trx, resolveRuleSet([], '421002101201', '2026-12-21'), {
        rule: 'test.deadline',
        ownerOrgId: owner.id,
        subjectType: 'application',
        subjectId: crypto.randomUUID(),
        divisionCode: '421002101201',
        startedAt: new Date('2026-12-21T10:00:00+08:00'),
        duration: { workingDays: 15 },
      }),
    );
    const admin = await make.signInAs(server.url, 'admin');
    const before = (await (await admin.request('GET', '/api/calendar')).json()) as { provisionalClocks: number };
    expect(before.provisionalClocks).toBe(1);
    const loaded = await admin.request('PUT', '/api/calendar/2027', year2027);
    // Answered once stored: the recompute is a job, its batches done shown by the view.
    expect(loaded.status).toBe(202);
    expect(await loaded.json()).toMatchObject({ year: 2027, batchesTotal: 32 });
    const pending = (await (await admin.request('GET', '/api/calendar')).json()) as {
      provisionalClocks: number;
      recompute: unknown;
      years: { year: number; clocksRecomputed: number | null }[];
    };
    expect(pending.recompute).toMatchObject({ year: 2027, batchesDone: 0, batchesTotal: 32 });
    expect(pending.provisionalClocks).toBe(1);
    expect(pending.years.find((y) => y.year === 2027)).toMatchObject({ clocksRecomputed: null });

    // A second load while it recomputes is refused, naming the pending one; nothing stored.
    const second = await admin.request(
      'PUT',
      '/api/calendar/2028',
      { holidays: ['2028-01-01'], workdays: [] },
      {
        'accept-language': 'en',
      },
    );
    expect(second.status).toBe(409);
    const refused = await errorOf(second);
    expect(refused.code).toBe('calendar.recomputing');
    expect(refused.message).toContain('The 2027 arrangement');
    expect(refused.message).toContain('0 of 32 batches');
    const jobs = await db.selectFrom('jobs').select(['kind', 'state']).where('kind', '=', recomputeJobKind).execute();
    expect(jobs).toEqual([{ kind: recomputeJobKind, state: 'queued' }]);

    expect(await runNextJob(db, new Map([[recomputeJobKind, recomputeJob]]))).toBe(true);
    const clock = await db
      .selectFrom('clocks')
      .select(['due_at', 'provisional'])
      .where('id', '=', clockId)
      .executeTakeFirstOrThrow();
    expect(clock).toEqual({ due_at: new Date('2027-01-12T23:59:59+08:00'), provisional: false });
    const view = (await (await admin.request('GET', '/api/calendar')).json()) as {
      provisionalClocks: number;
      recompute: unknown;
      years: { year: number; source: string; clocksRecomputed: number | null }[];
    };
    expect(view.provisionalClocks).toBe(0);
    expect(view.recompute).toBeNull();
    expect(view.years.find((y) => y.year === 2027)).toMatchObject({ source: 'loaded', clocksRecomputed: 1 });
    const audit = await db.selectFrom('audit_log').select('entity_id').where('action', '=', 'calendar.load').execute();
    // The refused 2028 load is audited under the same action, with why.
    expect(audit.map((a) => a.entity_id)).toEqual(['2027', '2028']);
  });
});
