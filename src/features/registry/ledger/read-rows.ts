import { Worker } from 'node:worker_threads';
import { DomainError } from '../../../platform/errors.js';
import type { LedgerFormat } from './detect.js';
import type { SheetRow } from './sheet-reader.js';
import type { SheetWorkerInput, SheetWorkerMessage } from './sheet-worker.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';
import { inspectWorkbookZip } from './zip-inspect.js';

const workerEntry = new URL('./sheet-worker.mjs', import.meta.url);
const rowsPerMessage = 500;

/** Messages of a worker as a queue the reader awaits; an error ends it. */
function inbox(worker: Worker, memoryMb: number): () => Promise<SheetWorkerMessage> {
  const queue: SheetWorkerMessage[] = [];
  let failure: Error | undefined;
  let finished = false;
  let waiting: { resolve: (m: SheetWorkerMessage) => void; reject: (e: Error) => void } | undefined;
  const settle = () => {
    if (!waiting) return;
    const next = queue.shift();
    if (next) waiting.resolve(next);
    else if (failure) waiting.reject(failure);
    else return;
    waiting = undefined;
  };
  worker.on('message', (message: SheetWorkerMessage) => {
    if (message.kind === 'done' || message.kind === 'refused' || message.kind === 'failed') finished = true;
    queue.push(message);
    settle();
  });
  worker.on('error', (error: Error & { code?: string }) => {
    failure ??=
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new DomainError('ledger.limit_memory', 413, { limitMb: memoryMb })
        : new DomainError('ledger.unreadable_workbook', 400, { reason: error.message.slice(0, 200) });
    settle();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= new DomainError('ledger.unreadable_workbook', 400, { reason: `reader stopped (${code})` });
    settle();
  });
  return () =>
    new Promise((resolve, reject) => {
      waiting = { resolve, reject };
      settle();
    });
}

/**
 * Every non-empty row of a ledger, read in a worker thread whose heap is capped: a file that needs
 * more memory than that ends the worker, not the server, and is refused. An .xlsx is first
 * measured by its zip directory (zip-inspect.ts) and refused before any parsing if it expands too far.
 */
export async function* readLedgerRows(file: Buffer, format: LedgerFormat, csvSheetName: string, limits: SpreadsheetLimits): AsyncGenerator<SheetRow> {
  if (format.format === 'xlsx') inspectWorkbookZip(file, limits);
  // A copy of exactly the file's bytes, moved to the worker (a Buffer from pg may be a view of a larger one).
  const copy = new Uint8Array(file);
  const input: SheetWorkerInput = {
    file: copy,
    format,
    csvSheetName,
    bounds: { maxSharedStrings: limits.maxSharedStrings, maxSharedStringChars: limits.maxSharedStringChars, maxCells: limits.maxCells },
    rowsPerMessage,
  };
  const worker = new Worker(workerEntry, { workerData: input, transferList: [copy.buffer], resourceLimits: { maxOldGenerationSizeMb: limits.workerMemoryMb } });
  const next = inbox(worker, limits.workerMemoryMb);
  try {
    for (;;) {
      const message = await next();
      if (message.kind === 'done') return;
      if (message.kind === 'refused') throw new DomainError(message.code, message.status, message.params);
      if (message.kind === 'failed') throw new DomainError('ledger.unreadable_workbook', 400, { reason: message.reason });
      worker.postMessage('more');
      yield* message.rows;
    }
  } finally {
    await worker.terminate();
  }
}
