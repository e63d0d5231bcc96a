import type { Config } from '../../../platform/config.js';

/**
 * What reading one ledger may cost. A 16 MB .xlsx can hold gigabytes of XML (a zip bomb), so the
 * file is measured before it is parsed, bounded while it is read, and read in a worker thread with
 * its own heap, so the worst a file can do is be refused.
 */
export interface SpreadsheetLimits {
  maxZipEntries: number;
  /** Uncompressed bytes of any one entry of the zip. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxUncompressedBytes: number;
  /** Uncompressed ÷ compressed size of an entry (entries under 1 MiB are not judged by it). */
  maxCompressionRatio: number;
  maxSharedStrings: number;
  maxSharedStringChars: number;
  /** Rows × columns as the reader materialises them (an empty row counts as one cell). */
  maxCells: number;
  workerMemoryMb: number;
  /** Workers reading at once in this process: at most this × workerMemoryMb for all readers. */
  maxReaders: number;
  /**
   * Read in the caller's own thread, not a worker: for `haven import`, a process of its own whose
   * whole heap is bounded (bin/haven.js). A second isolate would cost its own heap and code (~100 MB
   * of RSS) to protect nothing but that process. The zip, shared-string and cell bounds still apply.
   */
  readInThisThread?: boolean;
}

export function spreadsheetLimitsOf(config: Config): SpreadsheetLimits {
  return {
    maxZipEntries: config.importMaxZipEntries,
    maxEntryBytes: config.importMaxEntryBytes,
    maxUncompressedBytes: config.importMaxUncompressedBytes,
    maxCompressionRatio: config.importMaxCompressionRatio,
    maxSharedStrings: config.importMaxSharedStrings,
    maxSharedStringChars: config.importMaxSharedStringChars,
    maxCells: config.importMaxCells,
    workerMemoryMb: config.importWorkerMemoryMb,
    maxReaders: config.importMaxReaders,
  };
}

export function mebibytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
