import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { auditor, ids, seedAuditLog } from './fixtures.test-helper.js';
import { type AuditSearch, auditSearchSchema } from '../../contract/audit/audit.js';
import { exportAuditLog, searchAuditLog } from './service.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedAuditLog(database.db);
});
afterAll(async () => database.drop());

async function open(file: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as an ArrayBuffer; a copy gives exactly that.
  await workbook.xlsx.load(new Uint8Array(file).buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return sheet;
}

const rowValues = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

describe('exporting the audit log', () => {
  it('writes an .xlsx with Chinese headers by default, newest first', async () => {
    const result = await exportAuditLog(database.db, auditor, { childId: ids.childA }, 'zh-CN');
    expect(result).toMatchObject({ rows: 2, total: 2, truncated: false });
    expect(result.filename).toMatch(/^haven-audit-\d{8}T\d{6}\.xlsx$/);
    const sheet = await open(result.file);
    expect(sheet.name).toBe('审计日志');
    expect(rowValues(sheet, 1)).toEqual([
      '编号',
      '时间（北京时间）',
      '操作人',
      '用户ID',
      '机构ID',
      '操作',
      '对象类型',
      '对象ID',
      '儿童ID',
      '结果',
      'IP 地址',
      '请求编号',
      '详情',
    ]);
    expect(sheet.getRow(2).getCell(3).value).toBe('李娜 (荆州区公安分局)');
    expect(sheet.getRow(2).getCell(10).value).toBe('成功');
    expect(sheet.getRow(3).getCell(3).value).toBe('张伟 (沙市区民政局)');
    expect(sheet.actualRowCount).toBe(3);
  });

  it('writes times as China wall-clock dates', async () => {
    const sheet = await open((await exportAuditLog(database.db, auditor, { childId: ids.childA }, 'zh-CN')).file);
    const time = sheet.getRow(2).getCell(2);
    expect(time.type).toBe(ExcelJS.ValueType.Date);
    expect(time.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    // 2025-03-20 15:00 in China; xlsx dates carry no zone, so the wall clock is stored as is.
    expect((time.value as Date).toISOString()).toBe('2025-03-20T15:00:00.000Z');
  });

  it('writes English headers for an English caller', async () => {
    const sheet = await open((await exportAuditLog(database.db, auditor, { outcome: 'denied' }, 'en')).file);
    expect(sheet.name).toBe('Audit log');
    expect(rowValues(sheet, 1)).toEqual([
      'No.',
      'Time (China Standard Time)',
      'Actor',
      'User ID',
      'Organisation ID',
      'Action',
      'Entity type',
      'Entity ID',
      'Child ID',
      'Outcome',
      'IP address',
      'Request ID',
      'Details',
    ]);
    expect(rowValues(sheet, 2).slice(5, 10)).toEqual([
      'auth.sign_in_failed',
      undefined,
      undefined,
      undefined,
      'denied',
    ]);
  });

  it('keeps text that looks like a formula as escaped text', async () => {
    const sheet = await open((await exportAuditLog(database.db, auditor, { entityType: 'case' }, 'zh-CN')).file);
    const row = sheet.getRow(2);
    for (const [column, text] of [
      [3, "'=1+1 (沙市区民政局)"],
      [8, "'=1+1"],
      [13, '{"n":3,"note":"=1+1"}'],
    ] as const) {
      expect(row.getCell(column).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(column).value).toBe(text);
      expect(row.getCell(column).formula).toBeUndefined();
    }
  });

  it('stops at the cap and says so above the header', async () => {
    const result = await exportAuditLog(database.db, auditor, { action: 'test.bulk' }, 'zh-CN', 10);
    expect(result).toMatchObject({ rows: 10, total: 25, truncated: true });
    const sheet = await open(result.file);
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('共 25 条');
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('最新的 10 条');
    expect(sheet.getRow(2).getCell(1).value).toBe('编号');
    expect(sheet.getRow(3).getCell(8).value).toBe('24');
    expect(sheet.getRow(12).getCell(8).value).toBe('15');
    expect(sheet.actualRowCount).toBe(12);
  });

  it('records the export, with its filters, as an audit entry', async () => {
    await exportAuditLog(database.db, auditor, { childId: ids.childB, from: '2025-04-01' }, 'en');
    const recorded = await searchAuditLog(
      database.db,
      auditor,
      auditSearchSchema.parse({ action: 'audit.export' }) as AuditSearch,
    );
    expect(recorded.rows[0]).toMatchObject({
      action: 'audit.export',
      actorUserId: ids.auditorUser,
      entityType: 'audit_log',
    });
    expect(recorded.rows[0]?.details).toEqual({
      filter: { childId: ids.childB, from: '2025-04-01' },
      rows: 1,
      total: 1,
      truncated: false,
      format: 'xlsx',
    });
  });
});
