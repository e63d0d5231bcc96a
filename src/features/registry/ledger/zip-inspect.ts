import { unzipSync } from 'fflate';
import { DomainError } from '../../../platform/errors.js';
import { mebibytes, type SpreadsheetLimits } from './spreadsheet-limits.js';

/** Entries smaller than this are not judged by their ratio: a tiny part can compress very well. */
const ratioFloorBytes = 1024 * 1024;

/**
 * Measures an .xlsx by its zip's central directory, inflating nothing: how many entries, how large
 * each one and all of them are once uncompressed, and how far each one expands. A file past a
 * limit is refused before a byte of it is parsed. (A zip whose directory lies about its sizes gets
 * past this; the bounds while reading and the reader's own heap stop it.)
 */
export function inspectWorkbookZip(
  file: Uint8Array,
  limits: SpreadsheetLimits,
): { entries: number; uncompressedBytes: number } {
  let entries = 0;
  let total = 0;
  try {
    unzipSync(file, {
      filter: ({ name, size, originalSize }) => {
        entries += 1;
        if (entries > limits.maxZipEntries)
          throw new DomainError('ledger.limit_zip_entries', 413, { limit: limits.maxZipEntries });
        if (originalSize > limits.maxEntryBytes)
          throw new DomainError('ledger.limit_entry_size', 413, {
            entry: name.slice(0, 100),
            sizeMb: mebibytes(originalSize),
            limitMb: mebibytes(limits.maxEntryBytes),
          });
        const ratio = originalSize / Math.max(size, 1);
        if (originalSize >= ratioFloorBytes && ratio > limits.maxCompressionRatio) {
          throw new DomainError('ledger.limit_compression_ratio', 413, {
            entry: name.slice(0, 100),
            ratio: Math.round(ratio),
            limit: limits.maxCompressionRatio,
          });
        }
        total += originalSize;
        if (total > limits.maxUncompressedBytes)
          throw new DomainError('ledger.limit_uncompressed_size', 413, {
            limitMb: mebibytes(limits.maxUncompressedBytes),
          });
        // Nothing is inflated: the directory is all this needs.
        return false;
      },
    });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('ledger.unreadable_workbook', 400, {
      reason: error instanceof Error ? error.message.slice(0, 200) : String(error),
    });
  }
  return { entries, uncompressedBytes: total };
}
