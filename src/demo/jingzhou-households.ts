import { sql } from 'kysely';
import { composeIdNumber } from '../features/registry/id-number.js';
import type { DemoSeeder } from '../platform/seed.js';
import { jingzhou } from './jingzhou-organisations.js';

/**
 * Households (issue 17): 刘一诺 and 黄俊 of 合意村 live with the same grandmother, entered on each
 * file as it was registered (a copy per child, as before households existed), at the same address;
 * their father 刘建军 is on both files too, in prison since 2023 (his release is entered once, on the
 * household). Nothing links them: the households page proposes the link for a person to review.
 */
export const jingzhouHouseholdsDemo: DemoSeeder = {
  name: 'jingzhou-households',
  async seed({ trx }, log) {
    const address = '湖北省荆州市埠河镇合意村二组 9 号';
    const grandmother = composeIdNumber(jingzhou.heyi.slice(0, 6), '1958-04-11', 42);
    const father = composeIdNumber(jingzhou.heyi.slice(0, 6), '1983-09-20', 17);
    const rows = await sql<{ id: string }>`
      UPDATE children SET address = ${address}
      WHERE residence_code = ${jingzhou.heyi} AND name IN ('刘一诺', '黄俊')
      RETURNING id`.execute(trx);
    for (const { id } of rows.rows)
      await sql`INSERT INTO family_members (child_id, relation, is_guardian, name, id_number, phone, address, guardianship_capacity)
        VALUES (${id}, 'grandmother', true, '刘桂香', ${grandmother}, '13971609921', ${address}, 'partial')`.execute(
        trx,
      );
    for (const { id } of rows.rows)
      await sql`WITH father AS (
          INSERT INTO family_members (child_id, relation, is_guardian, name, id_number, phone)
          VALUES (${id}, 'father', false, '刘建军', ${father}, '13971609922') RETURNING id)
        INSERT INTO member_situations (member_id, kind, place, since)
        SELECT id, 'imprisoned', '湖北省沙洋监狱', '2023-05-10' FROM father`.execute(trx);
    log(`  ${rows.rows.length} children of one household, proposed for review`);
  },
};
