// `npm run bench:data -- --children 1000000`: the province-scale data set of issue 6, by COPY.
import { sql } from 'kysely';
import { loadFeatures } from '../src/server.js';
import { loadSynthVillages } from '../src/demo/synthetic/villages.js';
import { seedDemo } from '../src/demo/seed.js';
import { argNumber, argValue, log } from './args.js';
import { dropSecondaryIndexes, rebuildIndexes } from './copy.js';
import { closeKeepingPristine, openBenchDatabase } from './db.js';
import { loadAudit } from './load-audit.js';
import { loadCases } from './load-cases.js';
import { loadRegistry, registryTables } from './load-registry.js';
import { loadPlacements } from './load-placements.js';
import { loadReferrals } from './load-referrals.js';
import { loadVisits } from './load-visits.js';
import { addBenchPeople } from './setup.js';
import { lastSweepOf, runRecorded } from './sweep-run.js';
import { writeDataManifest } from './manifest.js';

const children = argNumber('children', 1_000_000);
const cases = argNumber('cases', Math.round(children * 0.3));
const openClocks = argNumber('clocks', children);
const auditEntries = argNumber('audit', children);
const visits = argNumber('visits', children);
const placementCount = argNumber('placements', children);
const referralCount = argNumber('referrals', children);
const seed = argValue('seed') ?? 'haven-bench';
const asOf = argValue('as-of') ?? new Date().toISOString().slice(0, 10);

const seconds = (since: number) => (performance.now() - since) / 1000;
const rate = (rows: number, s: number) =>
  `${rows.toLocaleString('en')} rows in ${s.toFixed(1)} s (${Math.round(rows / Math.max(s, 0.001)).toLocaleString('en')} rows/s)`;
const figures: Record<string, { rows: number; seconds: number }> = {};

const started = performance.now();
const database = await openBenchDatabase({ fresh: true, poolSize: 12, log });
try {
  log(`Bench database ready (${seconds(started).toFixed(1)} s); seeding the J-city demo…`);
  await seedDemo(database.db, (await loadFeatures()).demoSeeders, () => undefined);
  const bureaus = await addBenchPeople(database.db);
  const villages = await loadSynthVillages(database.db, '42');
  const taken = await sql<{ id_number: string }>`SELECT id_number FROM children WHERE id_number IS NOT NULL`.execute(
    database.db,
  );
  log(
    `${villages.length.toLocaleString('en')} Hubei villages; generating ${children.toLocaleString('en')} children as of ${asOf} (seed ${seed})`,
  );

  const caseTables = ['cases', 'case_actions', 'case_organisations', 'clocks'];
  const indexes = await dropSecondaryIndexes(database.pool, [
    ...registryTables,
    ...caseTables,
    'audit_log',
    'home_visits',
    'referrals',
    'referral_actions',
  ]);
  log(`Dropped ${indexes.length} secondary indexes for the load`);

  let t = performance.now();
  const registry = await loadRegistry(database.pool, {
    seed,
    asOf,
    count: children,
    villages,
    takenIds: taken.rows.map((r) => r.id_number),
    caseShare: children > 0 ? Math.min(1, cases / children) : 0,
    onProgress: (n) => {
      if (n % 100_000 < 2000)
        log(`  ${n.toLocaleString('en')} children (${Math.round(n / seconds(t)).toLocaleString('en')}/s)`);
    },
  });
  const registrySeconds = seconds(t);
  for (const [table, rows] of Object.entries(registry.rows)) figures[table] = { rows, seconds: registrySeconds };
  log(
    `Registry: ${rate(registry.rows.children, registrySeconds)} (children; with ${Object.values(registry.rows)
      .reduce((a, b) => a + b, 0)
      .toLocaleString('en')} rows in all tables)`,
  );

  t = performance.now();
  const city = bureaus.get('421000')!;
  const caseLoad = await loadCases(database.pool, {
    seed,
    asOf,
    subjects: registry.caseSubjects.slice(0, cases),
    openClocks,
    leadOrgFor: (division) => bureaus.get(division.slice(0, 6)) ?? city,
    actorLabel: '基准测试',
    onProgress: (n) => {
      if (n % 100_000 < 2000) log(`  ${n.toLocaleString('en')} cases`);
    },
  });
  const caseSeconds = seconds(t);
  figures.cases = { rows: caseLoad.cases, seconds: caseSeconds };
  figures.case_actions = { rows: caseLoad.actions, seconds: caseSeconds };
  figures.clocks = { rows: caseLoad.clocks, seconds: caseSeconds };
  log(
    `Cases: ${rate(caseLoad.cases, caseSeconds)}; ${caseLoad.actions.toLocaleString('en')} actions, ${caseLoad.clocks.toLocaleString('en')} clocks (${caseLoad.openClocks.toLocaleString('en')} running)`,
  );

  t = performance.now();
  const actors = await sql<{ userId: string; orgId: string; label: string }>`
    SELECT id AS "userId", organisation_id AS "orgId", display_name AS label FROM users WHERE organisation_id IS NOT NULL ORDER BY username`.execute(
    database.db,
  );
  const sample = registry.caseSubjects.slice(0, 50_000).map((s) => s.childId);
  const audit = await loadAudit(database.pool, {
    seed,
    count: auditEntries,
    asOf,
    actors: actors.rows,
    childIds: sample.length > 0 ? sample : [''],
    onProgress: (n) => {
      if (n % 250_000 === 0) log(`  ${n.toLocaleString('en')} audit entries`);
    },
  });
  figures.audit_log = { rows: audit, seconds: seconds(t) };
  log(`Audit: ${rate(audit, seconds(t))} (hash chain continued)`);

  t = performance.now();
  const visitCount = await loadVisits(database.pool, {
    seed,
    asOf,
    count: visits,
    subjects: registry.visitSubjects,
    onProgress: (n) => {
      if (n % 250_000 < 5000) log(`  ${n.toLocaleString('en')} home visits`);
    },
  });
  figures.home_visits = { rows: visitCount, seconds: seconds(t) };
  log(
    `Home visits: ${rate(visitCount, seconds(t))} for ${registry.visitSubjects.length.toLocaleString('en')} children with a confirmed category`,
  );

  t = performance.now();
  const placed = await loadPlacements(database.pool, {
    seed,
    asOf,
    count: placementCount,
    onProgress: (n) => {
      if (n % 250_000 < 5000) log(`  ${n.toLocaleString('en')} placement episodes`);
    },
  });
  figures.placements = { rows: placed.placements, seconds: seconds(t) };
  figures.placement_actions = { rows: placed.actions, seconds: seconds(t) };
  log(`Placements: ${rate(placed.placements, seconds(t))}; ${placed.actions.toLocaleString('en')} actions`);

  t = performance.now();
  // Benchmark 11 reads the inbox of the demo social worker's organisation: it receives a fifth of them.
  const benchReceiver = await sql<{ id: string }>`
    SELECT organisation_id AS id FROM users WHERE username = 'socialworker'`.execute(database.db);
  const referred = await loadReferrals(database.pool, {
    seed,
    asOf,
    count: referralCount,
    benchReceiverId: benchReceiver.rows[0]!.id,
    onProgress: (n) => {
      if (n % 250_000 < 5000) log(`  ${n.toLocaleString('en')} referrals`);
    },
  });
  figures.referrals = { rows: referred.referrals, seconds: seconds(t) };
  figures.referral_actions = { rows: referred.actions, seconds: seconds(t) };
  log(
    `Referrals: ${rate(referred.referrals, seconds(t))}; ${referred.actions.toLocaleString('en')} actions, ${referred.open.toLocaleString('en')} open`,
  );

  t = performance.now();
  await rebuildIndexes(database.pool, indexes, log);
  figures['(indexes)'] = { rows: indexes.length, seconds: seconds(t) };
  log(`Indexes rebuilt in ${seconds(t).toFixed(1)} s`);
  t = performance.now();
  await sql`SELECT setval('case_no_seq', GREATEST((SELECT last_value FROM case_no_seq), 1))`.execute(database.db);
  await sql`VACUUM (ANALYZE)`.execute(database.db);
  log(`VACUUM ANALYZE in ${seconds(t).toFixed(1)} s`);
  // A running system has swept before: as of the moment the clocks were left at, every sweep runs
  // once (the registry counts are counted, re-proposal gets its last run), so the benchmark's sweep
  // does a day's work, not the first run's catch-up of everything.
  t = performance.now();
  // COPY ran with triggers off (session_replication_role = replica), so no place was marked for the
  // registry counts: the counts sweep below must count everything from scratch.
  await sql`UPDATE registry_counts_state SET full_counted_at = NULL`.execute(database.db);
  const lastSweep = lastSweepOf(asOf);
  // Twice, as the server's timer would within minutes: the first round starts the visit and
  // assessment clocks after the escalation sweep has run, the second escalates them as of the same
  // moment. Without it, benchmark 4's escalation catches up every clock started here at once.
  for (const round of [1, 2]) {
    for (const sweep of (await loadFeatures()).sweeps) {
      const began = performance.now();
      const outcome = await runRecorded(database.db, sweep, lastSweep);
      log(
        `  round ${round}: sweep ${sweep.name} as of ${lastSweep.toISOString()} in ${seconds(began).toFixed(2)} s: ${
          Object.entries(outcome)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'nothing to do'
        }`,
      );
    }
  }
  await sql`VACUUM (ANALYZE)`.execute(database.db);
  log(`Sweeps as of the last sweep, then VACUUM ANALYZE, in ${seconds(t).toFixed(1)} s`);
  await writeDataManifest({
    children,
    cases: caseLoad.cases,
    openClocks: caseLoad.openClocks,
    audit,
    visits: visitCount,
    placements: placed.placements,
    referrals: referred.referrals,
    seed,
    asOf,
    seconds: seconds(started),
    figures,
  });
  t = performance.now();
  await closeKeepingPristine(database);
  log(
    `Pristine copy kept for \`npm run bench\` in ${seconds(t).toFixed(1)} s. Done in ${seconds(started).toFixed(1)} s.`,
  );
} catch (error) {
  await database.close();
  throw error;
}
