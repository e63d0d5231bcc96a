import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/** Noto Sans SC (SIL OFL) from npm: a full TTF, so every Chinese character prints without a system font. */
export const cjkFontFile = path.join(
  path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')),
  '400Regular/NotoSansSC_400Regular.ttf',
);

/**
 * A pdfkit document that writes Chinese: the font registered as `cjk` and selected, and the bytes
 * gathered for `finish()` (which ends the document and resolves with the whole file).
 */
export function cjkDocument(options: PDFKit.PDFDocumentOptions): {
  doc: PDFKit.PDFDocument;
  finish: () => Promise<Buffer>;
} {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.registerFont('cjk', cjkFontFile);
  doc.font('cjk');
  return {
    doc,
    finish: async () => {
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

/** A moment as Beijing time, to the minute: 2026-03-02 10:00. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
