// `npx tsx bench/b9-alone.ts [--duration 20]`: benchmark 9 alone over the bench database as it stands
// (no pristine copy, no manifest needed), printing its figures; `npm run bench -- --only 9` records them.
import os from 'node:os';
import { jingzhou } from '../src/demo/jingzhou-organisations.js';
import { argNumber, log } from './args.js';
import { benchTwoProcesses } from './b9-two-processes.js';
import { openBenchDatabase } from './db.js';
import { startBenchServer } from './process.js';
import { printResults } from './report.js';
import { signIn } from './session.js';

const database = await openBenchDatabase({ poolSize: 4, log });
const server = await startBenchServer(database.url);
try {
  const children = await database.db
    .selectFrom('children')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  log(
    `${Number(children.n).toLocaleString('en')} children; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const county = await signIn(database.db, server.url, 'officer.shashi');
  printResults(
    await benchTwoProcesses(database.db, database.url, server, county, jingzhou.shashi.slice(0, 6), {
      duration: argNumber('duration', 20),
    }),
  );
  log(
    `load after: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await server.stop();
  await database.close();
}
