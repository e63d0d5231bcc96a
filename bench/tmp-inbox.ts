import { sql } from 'kysely';
import { actorFor, loadUserAccount } from '../src/platform/auth/load-actor.js';
import { loadFeatures } from '../src/server.js';
import { openBenchDatabase } from './db.js';
const database = await openBenchDatabase({ poolSize: 2 });
const features = await loadFeatures();
for (const username of (process.argv[2] ?? 'socialworker,director.chenlong,supervisor.cenhe,officer.shashi').split(
  ',',
)) {
  const user = (await sql<{ id: string }>`SELECT id FROM users WHERE username = ${username}`.execute(database.db))
    .rows[0]!;
  const actor = actorFor((await loadUserAccount(database.db, user.id))!, {
    locale: 'zh-CN',
    ip: null,
    requestId: null,
  });
  const line: string[] = [];
  for (const c of features.inbox) {
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      n = (await c.collect({ db: database.db, actor, now: new Date() })).length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    if (times[2]! > 3) line.push(`${c.section}=${times[2]!.toFixed(0)}ms(${n})`);
  }
  console.log(username, line.join(' '));
}
await database.close();
