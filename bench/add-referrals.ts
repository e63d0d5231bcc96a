// `npm run bench:referrals -- --referrals 1000000`: benchmark 11's referrals added to a data set that
// `bench:data` built before (without them, or with fewer), instead of building the set again.
import { sql } from 'kysely';
import { argNumber, argValue, log } from './args.js';
import { closeKeepingPristine, openBenchDatabase } from './db.js';
import { benchReferralReason, loadReferrals, removeUnfinishedChunk } from './load-referrals.js';
import { readDataManifest, writeDataManifest } from './manifest.js';

/*
 * Works on the pristine copy every `bench` run starts from: copied to the working database, the
 * referrals added there, then kept as the new pristine copy. Idempotent: the generator is
 * deterministic (the manifest's seed and as-of day, the children in file order), so a second run
 * finds the referrals there and changes nothing. Resumable: chunks are committed one by one; a run
 * stopped part-way has its committed chunks in the working database (the pristine copy is replaced
 * only at the end), and `--in-place` goes on from there instead of copying the pristine set again.
 */
const manifest = await readDataManifest();
const seed = argValue('seed') ?? manifest?.seed ?? 'haven-bench';
const asOf = argValue('as-of') ?? manifest?.asOf ?? new Date().toISOString().slice(0, 10);
const wanted = argNumber('referrals', manifest?.children ?? 1_000_000);
const chunk = argNumber('chunk', 50_000);
const inPlace = process.argv.includes('--in-place');
const seconds = (since: number) => (performance.now() - since) / 1000;

const started = performance.now();
log(
  `Benchmark 11 referrals: ${wanted.toLocaleString('en')} wanted (seed ${seed}, as of ${asOf}, chunks of ${chunk.toLocaleString('en')}); ${
    inPlace ? 'working on the working database as it is' : 'copying the pristine data set to work on'
  }…`,
);
const database = await openBenchDatabase({ fromPristine: !inPlace, poolSize: 4, log });
try {
  const counted = async () =>
    Number(
      (
        await sql<{ n: string }>`SELECT count(*) AS n FROM referrals WHERE reason = ${benchReferralReason}`.execute(
          database.db,
        )
      ).rows[0]!.n,
    );
  const children = Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM children`.execute(database.db)).rows[0]!.n,
  );
  const before = await counted();
  log(
    `Found ${children.toLocaleString('en')} children and ${before.toLocaleString('en')} benchmark referrals (of the generator's, by their reason)`,
  );
  if (wanted > children) log(`Only ${children.toLocaleString('en')} children: one referral each, so no more than that`);
  const target = Math.min(wanted, children);
  if (before >= target) {
    log(`Nothing to do: ${before.toLocaleString('en')} ≥ ${target.toLocaleString('en')}. The data set is unchanged.`);
    await database.close();
  } else {
    const removed = await removeUnfinishedChunk(database.pool);
    log(
      `Removed what an earlier run left of an unfinished chunk: ${removed.actions} actions, ${removed.clocks} clocks`,
    );
    const receiver = await sql<{
      id: string;
    }>`SELECT organisation_id AS id FROM users WHERE username = 'socialworker'`.execute(database.db);
    if (!receiver.rows[0]) throw new Error('no socialworker: this is not a bench:data set');
    log(
      `Generating the referrals of children 1–${target.toLocaleString('en')}, writing from ${(before + 1).toLocaleString('en')}…`,
    );
    let t = performance.now();
    const loaded = await loadReferrals(database.pool, {
      seed,
      asOf,
      count: target,
      skip: before,
      chunk,
      benchReceiverId: receiver.rows[0].id,
      onProgress: (n) =>
        log(`  ${n.toLocaleString('en')} referrals committed (${Math.round((n - before) / seconds(t))}/s)`),
    });
    const loadSeconds = seconds(t);
    log(
      `Wrote ${loaded.referrals.toLocaleString('en')} referrals, ${loaded.actions.toLocaleString('en')} actions, ${loaded.open.toLocaleString('en')} open with a running clock, in ${loadSeconds.toFixed(1)} s`,
    );
    t = performance.now();
    await sql`VACUUM (ANALYZE) referrals, referral_actions, clocks`.execute(database.db);
    log(`VACUUM ANALYZE of referrals, referral_actions, clocks in ${seconds(t).toFixed(1)} s`);
    const after = await counted();
    if (manifest)
      await writeDataManifest({
        ...manifest,
        referrals: after,
        figures: {
          ...manifest.figures,
          referrals: { rows: after, seconds: loadSeconds },
          referral_actions: { rows: loaded.actions, seconds: loadSeconds },
        },
      });
    t = performance.now();
    await closeKeepingPristine(database);
    log(
      `${after.toLocaleString('en')} benchmark referrals now; kept as the pristine copy in ${seconds(t).toFixed(1)} s. Done in ${seconds(started).toFixed(1)} s.`,
    );
  }
} catch (error) {
  await database.close();
  log(
    'Stopped. The chunks committed so far are in the working database: run again with --in-place to go on from there (before any `npm run bench`, which replaces it).',
  );
  throw error;
}
