import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../../platform/errors.js';
import type { LedgerFormat } from './detect.js';
import { type ReadBounds, type SheetRow, readRowsInThisThread } from './sheet-reader.js';

/** What the reading thread is given (read-rows.ts starts it). */
export interface SheetWorkerInput {
  file: Uint8Array;
  format: LedgerFormat;
  csvSheetName: string;
  bounds: ReadBounds;
  rowsPerMessage: number;
}

export type SheetWorkerMessage =
  | { kind: 'rows'; rows: SheetRow[] }
  | { kind: 'done' }
  | { kind: 'refused'; code: string; status: number; params: Record<string, string | number> }
  | { kind: 'failed'; reason: string };

/** Rows are sent a chunk at a time and only as the reader asks for them: memory stays at a few chunks. */
async function main(port: NonNullable<typeof parentPort>, input: SheetWorkerInput): Promise<void> {
  let credit = 2;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credit += 1;
    wake?.();
  });
  const send = async (message: SheetWorkerMessage) => {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    credit -= 1;
    port.postMessage(message);
  };
  try {
    const file = Buffer.from(input.file.buffer, input.file.byteOffset, input.file.byteLength);
    let rows: SheetRow[] = [];
    for await (const row of readRowsInThisThread(file, input.format, input.csvSheetName, input.bounds)) {
      rows.push(row);
      if (rows.length >= input.rowsPerMessage) {
        await send({ kind: 'rows', rows });
        rows = [];
      }
    }
    if (rows.length > 0) await send({ kind: 'rows', rows });
    port.postMessage({ kind: 'done' } satisfies SheetWorkerMessage);
  } catch (error) {
    const message: SheetWorkerMessage =
      error instanceof DomainError
        ? { kind: 'refused', code: error.code, status: error.status, params: Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, typeof v === 'number' ? v : String(v)])) }
        : { kind: 'failed', reason: error instanceof Error ? error.message.slice(0, 200) : String(error) };
    port.postMessage(message);
  } finally {
    port.close();
  }
}

if (parentPort) await main(parentPort, workerData as SheetWorkerInput);
