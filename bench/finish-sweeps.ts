// `npm run bench:finish-sweeps`: the sweeps of a data set built earlier (by older code, or stopped
// before its sweeps finished) run as of the set's last sweep until a round finds nothing to do, and
// the result is kept as the pristine copy. Afterwards benchmark 4 measures a day's work, not the
// catch-up of every clock and schedule the set never swept.
import { sql } from 'kysely';
import { loadFeatures } from '../src/server.js';
import { argNumber, log } from './args.js';
import { closeKeepingPristine, openBenchDatabase } from './db.js';
import { readDataManifest } from './manifest.js';
import { lastSweepOf, runRecorded } from './sweep-run.js';

const manifest = await readDataManifest();
if (!manifest) throw new Error('no data set manifest: build the set with `npm run bench:data` first');
const maxRounds = argNumber('rounds', 4);
const seconds = (since: number) => (performance.now() - since) / 1000;
const lastSweep = lastSweepOf(manifest.asOf);

const started = performance.now();
log(
  `Finishing the sweeps of the ${manifest.children.toLocaleString('en')}-children set as of ${lastSweep.toISOString()}`,
);
const database = await openBenchDatabase({ fromPristine: true, poolSize: 4, log });
try {
  // Some sweeps report a watermark or recount the running month every run: a round that reports
  // what the round before it did has nothing left to catch up.
  let previous = '';
  for (let round = 1; round <= maxRounds; round += 1) {
    const outcomes: string[] = [];
    for (const sweep of (await loadFeatures()).sweeps) {
      const began = performance.now();
      const outcome = await runRecorded(database.db, sweep, lastSweep);
      const done = Object.entries(outcome).filter(([, n]) => n > 0);
      outcomes.push(JSON.stringify(done));
      log(
        `  round ${round}: ${sweep.name} in ${seconds(began).toFixed(2)} s: ${done.map(([k, n]) => `${k} ${n}`).join(', ') || 'nothing to do'}`,
      );
    }
    if (outcomes.join() === previous) break;
    previous = outcomes.join();
  }
  const t = performance.now();
  await sql`VACUUM (ANALYZE)`.execute(database.db);
  log(`VACUUM ANALYZE in ${seconds(t).toFixed(1)} s`);
  await closeKeepingPristine(database);
  log(`Kept as the pristine copy. Done in ${seconds(started).toFixed(1)} s.`);
} catch (error) {
  await database.close();
  throw error;
}
