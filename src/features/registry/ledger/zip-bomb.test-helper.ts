import { constants, crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { unzipSync, Zip, ZipDeflate, type ZipInputFile } from 'fflate';

/**
 * One zip entry whose content is `head`, then `unit` `copies` times, then `tail`, deflated without
 * ever holding or compressing the whole: each piece is compressed on its own with a full flush (no
 * back-references across pieces, no final bit), so the compressed unit can simply be repeated. A
 * few hundred kilobytes on disk, hundreds of megabytes once inflated — a zip bomb.
 */
function repeatedEntry(
  filename: string,
  head: string,
  unit: string,
  copies: number,
  tail: string,
): { file: ZipInputFile; write(): void } {
  const full = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const parts = { head: Buffer.from(head), unit: Buffer.from(unit), tail: Buffer.from(tail) };
  const packed = {
    head: deflateRawSync(parts.head, full),
    unit: deflateRawSync(parts.unit, full),
    tail: deflateRawSync(parts.tail, { level: 9 }),
  };
  let crc = crc32(parts.head);
  for (let i = 0; i < copies; i += 1) crc = crc32(parts.unit, crc);
  crc = crc32(parts.tail, crc);
  const file: ZipInputFile = {
    filename,
    size: parts.head.length + parts.unit.length * copies + parts.tail.length,
    crc,
    compression: 8,
  };
  return {
    file,
    write: () => {
      file.ondata!(null, packed.head, false);
      // Repeated in slices so the zip writer sees ordinary chunks.
      const slice = Buffer.concat(Array.from({ length: 64 }, () => packed.unit));
      for (let i = 0; i < Math.floor(copies / 64); i += 1) file.ondata!(null, slice, false);
      for (let i = 0; i < copies % 64; i += 1) file.ondata!(null, packed.unit, false);
      file.ondata!(null, packed.tail, true);
    },
  };
}

/** A real small workbook (one sheet whose cells point at shared strings 0 and 1), as exceljs writes it. */
async function smallWorkbook(): Promise<Record<string, Uint8Array>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['姓名', '性别', '出生日期']);
  sheet.addRow(['张三', '男', '2015-01-01']);
  return unzipSync(
    new Uint8Array(await workbook.xlsx.writeBuffer({ useSharedStrings: true } as ExcelJS.XlsxWriteOptions)),
  );
}

/**
 * That workbook with its xl/sharedStrings.xml replaced by `copies` × `unit` inside <sst>: a
 * well-formed .xlsx (every CRC and size right) that expands as far as the caller wants.
 */
export async function bombWorkbook(options: {
  unit: string;
  copies: number;
  head?: string;
  tail?: string;
}): Promise<Buffer> {
  const entries = await smallWorkbook();
  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    const zip = new Zip((error, chunk, final) => {
      if (error) return reject(error);
      chunks.push(chunk);
      if (final) resolve(Buffer.concat(chunks));
    });
    for (const [name, content] of Object.entries(entries)) {
      if (name === 'xl/sharedStrings.xml') continue;
      const entry = new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      entry.push(content, true);
    }
    const head =
      options.head ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
    const bomb = repeatedEntry('xl/sharedStrings.xml', head, options.unit, options.copies, options.tail ?? '</sst>');
    zip.add(bomb.file);
    bomb.write();
    zip.end();
  });
  return done;
}

/** `mib` MiB of shared strings, each a run of "A" (many small strings). */
export function manyStrings(mib: number): { unit: string; copies: number } {
  const one = `<si><t>${'A'.repeat(1000)}</t></si>`;
  const perMib = Math.floor((1024 * 1024) / one.length);
  return { unit: one.repeat(perMib), copies: mib };
}

/** One shared string of `mib` MiB (no tag inside it for a parser to stop at). */
export function oneLongString(mib: number): { unit: string; copies: number; head: string; tail: string } {
  return {
    unit: 'A'.repeat(1024 * 1024),
    copies: mib,
    head: '<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>',
    tail: '</t></si></sst>',
  };
}
