import { Worker } from 'node:worker_threads';
import { DomainError } from '../../../platform/errors.js';
import type { LedgerFormat } from './detect.js';
import { type ReadBounds, readRowsInThisThread, type SheetRow } from './sheet-reader.js';
import type { SheetWorkerInput, SheetWorkerMessage, SheetWorkerRequest } from './sheet-worker.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';
import { inspectWorkbookZip } from './zip-inspect.js';

const workerEntry = new URL('./sheet-worker.mjs', import.meta.url);
const rowsPerMessage = 500;
/** An idle reader is kept this long for the next read, then ended. */
const idleMs = 60_000;

/**
 * The reading workers of this process: at most `maxReaders` busy at once (others wait their turn,
 * so readers use at most maxReaders × their heap), idle ones kept a while for the next read.
 */
const pool = {
  busy: 0,
  waiting: [] as (() => void)[],
  idle: [] as { worker: Worker; memoryMb: number; timer: NodeJS.Timeout }[],
};

async function borrowWorker(limits: SpreadsheetLimits): Promise<Worker> {
  while (pool.busy >= limits.maxReaders) await new Promise<void>((resolve) => pool.waiting.push(resolve));
  pool.busy += 1;
  for (let entry = pool.idle.pop(); entry; entry = pool.idle.pop()) {
    clearTimeout(entry.timer);
    if (entry.memoryMb === limits.workerMemoryMb && entry.worker.threadId !== -1) {
      entry.worker.ref();
      return entry.worker;
    }
    void entry.worker.terminate();
  }
  const worker = new Worker(workerEntry, { resourceLimits: { maxOldGenerationSizeMb: limits.workerMemoryMb } });
  // Between reads nobody else listens: a failure must not become an unhandled 'error' here, and a dead worker leaves the pool.
  worker
    .on('error', () => undefined)
    .on('exit', () => {
      const index = pool.idle.findIndex((entry) => entry.worker === worker);
      if (index < 0) return;
      clearTimeout(pool.idle[index]!.timer);
      pool.idle.splice(index, 1);
    });
  return worker;
}

/** Ends a read: a worker that finished cleanly waits for the next one, any other is ended. */
function returnWorker(worker: Worker, memoryMb: number, reusable: boolean): void {
  pool.busy -= 1;
  pool.waiting.shift()?.();
  if (!reusable) {
    void worker.terminate();
    return;
  }
  // An idle worker does not keep the process alive (a CLI run ends when its work does).
  worker.unref();
  const entry = {
    worker,
    memoryMb,
    timer: setTimeout(() => {
      const index = pool.idle.indexOf(entry);
      if (index >= 0) pool.idle.splice(index, 1);
      void worker.terminate();
    }, idleMs).unref(),
  };
  pool.idle.push(entry);
}

/** One read's messages as a queue the reader awaits; the worker's death (its heap exhausted) ends it. */
function inbox(worker: Worker, memoryMb: number): { next: () => Promise<SheetWorkerMessage>; detach: () => void } {
  const queue: SheetWorkerMessage[] = [];
  let failure: Error | undefined;
  let waiting: { resolve: (m: SheetWorkerMessage) => void; reject: (e: Error) => void } | undefined;
  const settle = () => {
    if (!waiting) return;
    const next = queue.shift();
    if (next) waiting.resolve(next);
    else if (failure) waiting.reject(failure);
    else return;
    waiting = undefined;
  };
  const onMessage = (message: SheetWorkerMessage) => {
    queue.push(message);
    settle();
  };
  const onError = (error: Error & { code?: string }) => {
    failure ??=
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new DomainError('ledger.limit_memory', 413, { limitMb: memoryMb })
        : new DomainError('ledger.unreadable_workbook', 400, { reason: error.message.slice(0, 200) });
    settle();
  };
  const onExit = (code: number) => {
    failure ??= new DomainError('ledger.unreadable_workbook', 400, { reason: `reader stopped (${code})` });
    settle();
  };
  worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  return {
    next: () =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      }),
    detach: () => worker.off('message', onMessage).off('error', onError).off('exit', onExit),
  };
}

/**
 * Every non-empty row of a ledger, read in a worker thread whose heap is capped: a file that needs
 * more memory than that ends the worker, not the server, and is refused. An .xlsx is first
 * measured by its zip directory (zip-inspect.ts) and refused before any parsing if it expands too far.
 * With `limits.readInThisThread` (the CLI) it is read in this thread, within this process's heap bound.
 */
export async function* readLedgerRows(
  file: Buffer,
  format: LedgerFormat,
  csvSheetName: string,
  limits: SpreadsheetLimits,
): AsyncGenerator<SheetRow> {
  if (format.format === 'xlsx') inspectWorkbookZip(file, limits);
  const bounds: ReadBounds = {
    maxSharedStrings: limits.maxSharedStrings,
    maxSharedStringChars: limits.maxSharedStringChars,
    maxCells: limits.maxCells,
  };
  if (limits.readInThisThread) {
    yield* readRowsInThisThread(file, format, csvSheetName, bounds);
    return;
  }
  // A copy of exactly the file's bytes, moved to the worker (a Buffer from pg may be a view of a larger one).
  const copy = new Uint8Array(file);
  const input: SheetWorkerInput = {
    file: copy,
    format,
    csvSheetName,
    bounds,
    rowsPerMessage,
  };
  const worker = await borrowWorker(limits);
  const messages = inbox(worker, limits.workerMemoryMb);
  // Reusable only once the worker said the read is over; a reader stopped early or a dead worker is not.
  let reusable = false;
  try {
    worker.postMessage({ kind: 'read', input } satisfies SheetWorkerRequest, [copy.buffer]);
    for (;;) {
      const message = await messages.next();
      if (message.kind === 'rows') {
        worker.postMessage('more' satisfies SheetWorkerRequest);
        yield* message.rows;
        continue;
      }
      reusable = true;
      if (message.kind === 'refused') throw new DomainError(message.code, message.status, message.params);
      if (message.kind === 'failed')
        throw new DomainError('ledger.unreadable_workbook', 400, { reason: message.reason });
      return;
    }
  } finally {
    messages.detach();
    returnWorker(worker, limits.workerMemoryMb, reusable);
  }
}
