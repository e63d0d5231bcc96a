import ExcelJS from 'exceljs';
import { composeIdNumber } from '../id-number.js';

/** Valid ID numbers of children born in Shashi (421002) for the test ledgers. */
export const ids = {
  a: composeIdNumber('421002', '2015-03-02', 123),
  b: composeIdNumber('421002', '2016-07-15', 224),
  c: composeIdNumber('421002', '2012-11-30', 331),
  girlWithX: '',
};

function withLowerX(): string {
  for (let sequence = 0; sequence < 1000; sequence += 2) {
    const id = composeIdNumber('421002', '2014-05-06', sequence);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
}
ids.girlWithX = withLowerX();

function badCheck(id: string): string {
  const last = id.at(-1) === '1' ? '2' : '1';
  return id.slice(0, 17) + last;
}

/**
 * A township ledger as they are kept: two title rows, a header with a merged "监护人" group over
 * two rows, dates in four notations, and one problem of each kind.
 */
export async function townshipLedger(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('说明');
  const sheet = workbook.addWorksheet('困境儿童台账');
  sheet.addRow(['岑河镇困境儿童信息台账']);
  sheet.mergeCells('A1:K1');
  sheet.addRow(['填报单位：岑河镇人民政府', '', '', '', '', '填报日期：2026年11月']);
  sheet.addRow([
    '序号',
    '姓名',
    '性别',
    '身份证号码',
    '出生日期',
    '所在村（社区）',
    '困境类型',
    '监护人',
    '',
    '',
    '学校',
  ]);
  sheet.addRow(['', '', '', '', '', '', '', '姓名', '与儿童关系', '联系电话', '']);
  sheet.mergeCells('H3:J3');
  const rows: (string | number | Date | null)[][] = [
    [
      1,
      '张伟明',
      '男',
      ids.a,
      new Date(Date.UTC(2015, 2, 2)),
      '陈龙村',
      '留守儿童',
      '张国强',
      '父亲',
      '13800000001',
      '岑河镇中心小学',
    ],
    [2, '李思琪', '女', ids.b, '2016.07.15', '沙口村', '孤儿、残疾', '李奶奶', '祖母', '13800000002', ''],
    [
      3,
      '王小红',
      '女',
      ids.girlWithX.toLowerCase(),
      '2014年5月6日',
      '陈龙村',
      '事实无人抚养',
      '王大山',
      '祖父',
      '13800000003',
      '',
    ],
    [4, '赵六', '男', badCheck(ids.c), '2012-11-30', '陈龙村', '', '', '', '', ''],
    [5, '钱七', '男', 421002201211303000, '2012/11/30', '陈龙村', '', '', '', '', ''],
    [6, '', '男', '', '2013-01-01', '陈龙村', '', '', '', '', ''],
    [7, '孙八', '女', '', '2035-01-01', '陈龙村', '', '', '', '', ''],
    [8, '周九', '男', '', '20010101', '陈龙村', '', '', '', '', ''],
    [9, '吴十', '男', '', '2013-02-03', '火星村', '', '', '', '', ''],
    [10, '郑一', '男', ids.a, '2015-03-02', '陈龙村', '', '', '', '', ''],
    [11, '冯二', '男', ids.c, '2012-12-01', '陈龙村', '', '', '', '', ''],
    [12, '陈三', '女', '', 41730, '沙口村', '困难', '陈父', '父亲', '', ''],
  ];
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
