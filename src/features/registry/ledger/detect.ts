import { DomainError } from '../../../platform/errors.js';

export type LedgerFormat = { format: 'xlsx'; encoding: null } | { format: 'csv'; encoding: 'utf-8' | 'gb18030' };

const startsWith = (file: Buffer, bytes: readonly number[]) => bytes.every((byte, i) => file[i] === byte);

/**
 * The kind of a ledger from its content, never from its name: an .xlsx is a zip holding
 * xl/workbook.xml; a CSV is text in UTF-8 (with or without BOM) or, as Excel on a Chinese
 * Windows saves it, GBK/GB18030.
 */
export function detectLedgerFormat(file: Buffer, fileName: string): LedgerFormat {
  if (file.length === 0) throw new DomainError('ledger.empty_file', 400, { file: fileName });
  if (startsWith(file, [0x50, 0x4b, 0x03, 0x04])) {
    // Entry names are stored uncompressed in the zip headers.
    if (file.includes('xl/workbook.xml')) return { format: 'xlsx', encoding: null };
    throw new DomainError('ledger.not_a_workbook', 400, { file: fileName });
  }
  if (startsWith(file, [0xd0, 0xcf, 0x11, 0xe0])) throw new DomainError('ledger.old_xls', 400, { file: fileName });
  const head = file.subarray(0, 65_536);
  if (startsWith(file, [0xef, 0xbb, 0xbf])) return { format: 'csv', encoding: 'utf-8' };
  if (head.includes(0)) throw new DomainError('ledger.not_a_ledger', 400, { file: fileName });
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { format: 'csv', encoding: 'utf-8' };
  } catch {
    try {
      new TextDecoder('gb18030', { fatal: true }).decode(head, { stream: true });
      return { format: 'csv', encoding: 'gb18030' };
    } catch {
      throw new DomainError('ledger.not_a_ledger', 400, { file: fileName });
    }
  }
}
