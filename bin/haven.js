#!/usr/bin/env node
// Runs the TypeScript sources through tsx: one tree for development and production, no server build step.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

// `haven import` works in batches and needs little heap; V8's default growth would let a 100k-row
// ledger's garbage reach ~600 MB before it collects. It runs in a child with the heap bounded
// (peak RSS stays under 400 MB), unless a bound was given; the child ends if this process is killed.
// The CLI reads the sheet in that same heap (no reading thread: one isolate, not two).
const heapBoundMb = 192;
const bounded = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((flag) =>
  flag.startsWith('--max-old-space-size'),
);
if (process.argv[2] === 'import' && !bounded) {
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${heapBoundMb}`,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 1)));
} else {
  // Started by the lines above: if that parent is killed (even kill -9), its channel closes and this
  // run stops too, as the parent would have (a commit in flight rolls back; the import resumes).
  if (process.send) {
    process.channel?.unref();
    process.on('disconnect', () => process.exit(137));
  }
  // tsx is loaded here, not above: the parent of a bounded import stays a bare Node (its RSS counts too).
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
