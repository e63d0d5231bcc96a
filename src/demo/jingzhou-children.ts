import type { Transaction } from 'kysely';
import { importTimelineEntries } from '../core/timeline.js';
import type { Database } from '../platform/db/schema.js';
import { composeIdNumber } from '../features/registry/id-number.js';
import { childSearchKeys } from '../features/registry/search-keys.js';
import { jingzhou } from './jingzhou-organisations.js';
import { createGenerator, type SynthRows } from './synthetic/index.js';
import { syntheticActorLabel } from './synthetic/rows.js';
import { loadSynthVillages } from './synthetic/villages.js';

// A handful of fictional children so scope can be seen before the registry's own demo arrives.
const children: { name: string; sex: 'male' | 'female'; birth: string; village: string; address: string }[] = [
  { name: '李小雨', sex: 'female', birth: '2015-03-02', village: jingzhou.chenlong, address: '岑河镇陈龙村三组 12 号' },
  { name: '李明轩', sex: 'male', birth: '2012-09-18', village: jingzhou.chenlong, address: '岑河镇陈龙村五组 3 号' },
  { name: '张浩然', sex: 'male', birth: '2011-01-27', village: jingzhou.shakou, address: '岑河镇沙口村一组 8 号' },
  { name: '王梓涵', sex: 'female', birth: '2016-07-09', village: jingzhou.shakou, address: '岑河镇沙口村二组 21 号' },
  { name: '周子豪', sex: 'male', birth: '2013-11-30', village: jingzhou.nongli, address: '埠河镇农利村四组 6 号' },
  { name: '陈思琪', sex: 'female', birth: '2014-05-14', village: jingzhou.nongli, address: '埠河镇农利村六组 17 号' },
  { name: '刘一诺', sex: 'female', birth: '2017-02-22', village: jingzhou.heyi, address: '埠河镇合意村二组 9 号' },
  { name: '黄俊', sex: 'male', birth: '2010-08-05', village: jingzhou.heyi, address: '埠河镇合意村七组 2 号' },
];

/** How many fictional children the demo adds across 荆州市's villages (issue 4, "Demo data"). */
export const demoSyntheticChildren = 3000;
// The named children's districts keep exactly those children: tests and the walkthroughs count them.
export const namedChildrenCounties = [jingzhou.shashi.slice(0, 6), jingzhou.gongan.slice(0, 6)];

export async function seedDemoChildren(
  trx: Transaction<Database>,
  options: { synthetic?: number; asOf?: string } = {},
): Promise<{ named: number; synthetic: number }> {
  const named = await trx
    .insertInto('children')
    .values(
      children.map((child, index) => ({
        ...searchKeys(child.name),
        name: child.name,
        sex: child.sex,
        birth_date: child.birth,
        id_number: composeIdNumber(
          child.village.slice(0, 6),
          child.birth,
          100 + index * 2 + (child.sex === 'male' ? 1 : 0),
        ),
        phone: `1397160${String(1000 + index).padStart(4, '0')}`,
        address: `湖北省荆州市${child.address}`,
        residence_code: child.village,
        hukou_code: child.village,
      })),
    )
    .returning(['id', 'id_number'])
    .execute();
  await importTimelineEntries(
    trx,
    named.map((child) => ({
      child_id: child.id,
      kind: 'registered',
      actor_label: syntheticActorLabel,
      entity_type: 'child',
      entity_id: child.id,
      details: JSON.stringify({ source: 'demo' }),
    })),
  );
  const count = options.synthetic ?? demoSyntheticChildren;
  if (count === 0) return { named: named.length, synthetic: 0 };
  const villages = await loadSynthVillages(trx, jingzhou.city.slice(0, 4), namedChildrenCounties);
  const generator = createGenerator({
    seed: 'jingzhou-demo',
    asOf: options.asOf ?? new Date().toISOString().slice(0, 10),
    villages,
    takenIds: named.flatMap((child) => (child.id_number ? [child.id_number] : [])),
    source: 'demo',
  });
  let synthetic = 0;
  for (const batch of generator.batches(count, 1000)) {
    await insertRows(trx, batch);
    synthetic += batch.count;
  }
  return { named: named.length, synthetic };
}

function searchKeys(name: string) {
  const keys = childSearchKeys(name);
  return { name_grams: keys.nameGrams, pinyin_text: keys.pinyinText };
}

// Multi-row INSERTs in the seeder's transaction, parents before the rows that reference them;
// chunks stay well under PostgreSQL's 65,535 bind parameters.
async function insertRows(trx: Transaction<Database>, rows: SynthRows): Promise<void> {
  const chunked = async <T>(items: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < items.length; i += 1000) await insert(items.slice(i, i + 1000));
  };
  await chunked(rows.children, (chunk) => trx.insertInto('children').values(chunk).execute());
  await chunked(rows.family_members, (chunk) => trx.insertInto('family_members').values(chunk).execute());
  await chunked(rows.member_situations, (chunk) => trx.insertInto('member_situations').values(chunk).execute());
  await chunked(rows.child_categories, (chunk) => trx.insertInto('child_categories').values(chunk).execute());
  await chunked(rows.child_timeline, (chunk) => importTimelineEntries(trx, chunk));
  await chunked(rows.duplicate_candidates, (chunk) => trx.insertInto('duplicate_candidates').values(chunk).execute());
}
