import ExcelJS from 'exceljs';
import {
  acceptProposalIn,
  rejectProposalIn,
  spreadsheetLimitsOf,
  uploadRollIn,
} from '../features/department-rolls/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import { loadConfig } from '../platform/config.js';
import type { DemoSeeder } from '../platform/seed.js';
import { actingAs } from './acting-as.js';
import { jingzhou } from './jingzhou-organisations.js';

const day = 24 * 3_600_000;

async function workbook(sheetName: string, rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Two department rolls of 沙市区 uploaded by its civil affairs officer through the real upload (an
 * education roll without ID numbers, matched by name, birth date and village; a disabled persons'
 * federation roll by ID number, one ID number spoiled by a spreadsheet), and decisions on some of
 * their proposals: one accepted, one rejected, the rest waiting (a weak match among them).
 */
export const jingzhouRollsDemo: DemoSeeder = {
  name: 'jingzhou-rolls',
  async seed(uow, log) {
    const as = actingAs(uow);
    const officer = await as('officer.shashi');
    const limits = spreadsheetLimitsOf(loadConfig());
    const today = shanghaiDateOf(new Date());
    const asOf = shanghaiDateOf(new Date(Date.now() - 10 * day));
    const school = await workbook('在校生', [
      ['岑河镇中小学在校学生名单'],
      ['学生姓名', '出生日期', '所在地区划代码', '学校名称', '年级'],
      ['李小雨', '2015-03-02', jingzhou.chenlong, '岑河镇陈龙小学', '五年级'],
      ['李明轩', '2012-09-18', jingzhou.shakou, '岑河镇中学', '八年级'],
      ['张浩然', '2011-01-27', jingzhou.shakou, '沙市第七中学', '九年级'],
      ['王梓涵', '2016-07-09', jingzhou.shakou, '岑河镇沙口小学', '四年级'],
      ['赵一鸣', '2013-01-01', jingzhou.chenlong, '岑河镇中学', '七年级'],
      ['钱多多', '', jingzhou.chenlong, '岑河镇中学', '七年级'],
    ]);
    const first = await uploadRollIn(
      officer,
      { department: 'education', kind: 'school_enrolment', asOf, fileName: '岑河镇在校学生名单.xlsx' },
      school,
      limits,
    );
    const wangId = await uow.trx
      .selectFrom('children')
      .select('id_number')
      .where('name', '=', '王梓涵')
      .where('residence_code', '=', jingzhou.shakou)
      .executeTakeFirst();
    const disability = await workbook('残疾人证', [
      ['姓名', '身份证号', '残疾类别', '残疾等级', '残疾证号'],
      ['王梓涵', wangId?.id_number ?? '', '智力残疾', '三级', `${wangId?.id_number ?? ''}23`],
      ['孙小明', 421002201104051200, '肢体残疾', '二级', ''],
    ]);
    await uploadRollIn(
      officer,
      { department: 'disabled_persons_federation', kind: 'disability', asOf, fileName: '残联持证名单.xlsx' },
      disability,
      limits,
    );
    const proposals = await uow.trx
      .selectFrom('fact_proposals')
      .innerJoin('children', 'children.id', 'fact_proposals.child_id')
      .select(['fact_proposals.id', 'fact_proposals.version', 'children.name', 'children.version as childVersion'])
      .where('fact_proposals.roll_id', '=', first.rollId)
      .execute();
    const of = (name: string) => proposals.find((p) => p.name === name);
    const accept = of('李小雨');
    if (accept)
      await acceptProposalIn(
        officer,
        accept.id,
        { version: accept.version, targetVersion: accept.childVersion },
        today,
      );
    const reject = of('张浩然');
    if (reject)
      await rejectProposalIn(officer, reject.id, { version: reject.version, reason: '该生已转入市区学校，户籍地未变' });
    log(`  2 department rolls (${proposals.length} proposals from the school roll)`);
  },
};
