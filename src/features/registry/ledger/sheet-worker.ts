import { parentPort } from 'node:worker_threads';
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

export type SheetWorkerRequest = { kind: 'read'; input: SheetWorkerInput } | 'more';

/**
 * One read at a time, asked for by a 'read' message; a worker serves many reads over its life (its
 * start-up, a TypeScript loader and exceljs, costs about a second of CPU). Rows are sent a chunk at
 * a time and only as the reader asks for them ('more'): memory stays at a few chunks.
 */
function serve(port: NonNullable<typeof parentPort>): void {
  let credit = 0;
  let wake: (() => void) | undefined;
  const send = async (message: SheetWorkerMessage) => {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    credit -= 1;
    port.postMessage(message);
  };
  port.on('message', (request: SheetWorkerRequest) => {
    if (request === 'more') {
      credit += 1;
      wake?.();
      return;
    }
    credit = 2;
    void read(request.input, send).then((end) => port.postMessage(end));
  });
}

async function read(
  input: SheetWorkerInput,
  send: (message: SheetWorkerMessage) => Promise<void>,
): Promise<SheetWorkerMessage> {
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
    return { kind: 'done' };
  } catch (error) {
    return error instanceof DomainError
      ? {
          kind: 'refused',
          code: error.code,
          status: error.status,
          params: Object.fromEntries(
            Object.entries(error.params).map(([k, v]) => [k, typeof v === 'number' ? v : String(v)]),
          ),
        }
      : { kind: 'failed', reason: error instanceof Error ? error.message.slice(0, 200) : String(error) };
  }
}

if (parentPort) serve(parentPort);
