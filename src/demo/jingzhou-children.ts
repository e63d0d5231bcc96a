import type { Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { composeIdNumber } from '../features/registry/id-number.js';
import { jingzhou } from './jingzhou-organisations.js';

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

export async function seedDemoChildren(trx: Transaction<Database>): Promise<void> {
  await trx
    .insertInto('children')
    .values(
      children.map((child, index) => ({
        name: child.name,
        sex: child.sex,
        birth_date: child.birth,
        id_number: composeIdNumber(child.village.slice(0, 6), child.birth, 100 + index * 2 + (child.sex === 'male' ? 1 : 0)),
        phone: `1397160${String(1000 + index).padStart(4, '0')}`,
        address: `湖北省荆州市${child.address}`,
        residence_code: child.village,
        hukou_code: child.village,
      })),
    )
    .execute();
}
