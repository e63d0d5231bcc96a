import type { Kysely } from 'kysely';
import { systemActor } from './access/actor.js';
import type { Database } from './db/schema.js';
import { unitOfWork, type UnitOfWork } from './db/unit-of-work.js';
import { readSetting, writeSetting } from './settings.js';

/** A feature's part of the demo; runs in order, each through the unit of work like any change. */
export interface DemoSeeder {
  name: string;
  seed(uow: UnitOfWork, log: (line: string) => void): Promise<string[] | void>;
}

export interface DemoSeedResult {
  seeded: boolean;
  /** Lines worth showing the person who started Haven (e.g. demo sign-ins). */
  notes: string[];
}

const seededKey = 'demo.seeded';

/** Seeds the demo once per database; a second call reports what the first left. */
export async function seedDemo(db: Kysely<Database>, seeders: readonly DemoSeeder[], log: (line: string) => void = () => undefined): Promise<DemoSeedResult> {
  const already = await readSetting<{ at: string; notes: string[] }>(db, seededKey);
  if (already) return { seeded: false, notes: already.notes };
  // One transaction for the whole demo: an interrupted seed leaves nothing behind to duplicate.
  const { result } = await unitOfWork(db, systemActor('seed'), 'demo.seed', async (uow) => {
    const notes: string[] = [];
    for (const seeder of seeders) {
      log(`Seeding demo: ${seeder.name}`);
      notes.push(...((await seeder.seed(uow, log)) ?? []));
    }
    await writeSetting(uow.trx, seededKey, { at: new Date().toISOString(), notes });
    return notes;
  });
  return { seeded: true, notes: result };
}
