import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { type Actor, hasPermission } from '../../../platform/access/actor.js';
import { maskAddress, maskIdNumber, maskPhone } from '../../../platform/access/masking.js';
import { recordAudit } from '../../../platform/audit/append.js';
import type { Database } from '../../../platform/db/schema.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { translate } from '../../../platform/i18n/translate.js';
import { fitCell } from '../../../platform/spreadsheet/cells.js';
import type { ChildListQuery } from '../../../contract/registry/search.js';
import { searchChildren } from '../search/service.js';
import type { CategoryCode } from '../tables.js';
import { workbookSink } from './error-sheet.js';
import './export-messages.js';
import { systemScope } from '../../../core/scope/system-scope.js';

export type ExportFilter = Omit<ChildListQuery, 'page' | 'pageSize'>;

/** National child-welfare category codes (DOMAIN.md §8), so the sheet can move to the national system. */
const nationalCode: Record<CategoryCode, string> = {
  orphan: '3',
  de_facto_unsupported: '5',
  left_behind: '8',
  poverty: '9',
  disability: '9',
  guardianship_missing: '9',
  street: '7',
  juvenile_victim: '7',
  juvenile_offender: '7',
};

const pageSize = 100;
export const exportRowCap = 20_000;

const headers = [
  'haven_code',
  'name',
  'sex',
  'birth_date',
  'id_number',
  'residence',
  'address',
  'guardian',
  'guardian_phone',
  'categories',
  'national_codes',
  'risk_grade',
  'status',
] as const;

/**
 * The registry list with the list's own filters (the same search, the same scope) as an .xlsx,
 * written with the streaming writer page by page. Identifiers are masked unless the actor holds
 * children.unmask and asks; every text cell is formula-escaped; the export is one audit entry.
 */
export async function exportChildren(
  db: Kysely<Database>,
  actor: Actor,
  filter: ExportFilter,
  options: { unmask: boolean; locale: Locale },
): Promise<{ file: Buffer; rows: number }> {
  const unmasked = options.unmask && hasPermission(actor, 'children.unmask');
  const t = (key: string) => translate(options.locale, key);
  const sink = workbookSink();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink.stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(t('ledger.export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(headers.map((h) => t(`ledger.export.${h}`)));
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  for (let page = 1; rows < exportRowCap; page += 1) {
    const { items } = await searchChildren(db, actor, { ...filter, page, pageSize });
    if (items.length === 0) break;
    const ids = items.map((i) => i.id);
    const details = await db
      .selectFrom('children')
      .where(systemScope('the page searchChildren returned through the actor scope'))
      .select(['id', 'id_number', 'address'])
      .where('id', 'in', ids)
      .execute();
    const guardians = await db
      .selectFrom('family_members')
      .where(systemScope('members of the page read just above'))
      .select(['child_id', 'name', 'phone'])
      .where('child_id', 'in', ids)
      .where('is_guardian', '=', true)
      .where('removed_at', 'is', null)
      .orderBy('created_at')
      .execute();
    const detail = new Map(details.map((d) => [d.id, d]));
    const guardian = new Map<string, { name: string; phone: string | null }>();
    for (const g of guardians) if (!guardian.has(g.child_id)) guardian.set(g.child_id, g);
    for (const item of items) {
      const d = detail.get(item.id);
      const g = guardian.get(item.id);
      const values = [
        item.havenCode,
        item.name,
        item.sex ? t(`ledger.sex.${item.sex}`) : '',
        item.birthDate ?? '',
        (unmasked ? d?.id_number : maskIdNumber(d?.id_number ?? null)) ?? '',
        item.residenceName,
        (unmasked ? d?.address : maskAddress(d?.address ?? null)) ?? '',
        g?.name ?? '',
        (unmasked ? g?.phone : maskPhone(g?.phone ?? null)) ?? '',
        item.categories.map((c) => t(`ledger.category.${c}`)).join('、'),
        [...new Set(item.categories.map((c) => nationalCode[c]))].join(','),
        item.riskGrade ? t(`ledger.risk.${item.riskGrade}`) : '',
        t(`ledger.status.${item.status}`),
      ];
      sheet.addRow(values.map((v) => fitCell(v))).commit();
      rows += 1;
    }
    if (items.length < pageSize) break;
  }
  sheet.commit();
  await workbook.commit();
  const file = await sink.done;
  await recordAudit(db, actor, {
    action: unmasked ? 'children.export_unmasked' : 'children.export',
    entityType: 'child',
    details: { filter, rows, unmasked, format: 'xlsx' },
  });
  return { file, rows };
}
