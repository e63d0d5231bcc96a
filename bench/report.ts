import { execFileSync } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './stats.js';

export const performanceDoc = path.resolve('docs/performance.md');

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

export function machine(postgres: string): string {
  const cpus = os.cpus();
  return `${cpus.length}× ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, load ${os.loadavg()[0]!.toFixed(1)} at start, Node ${process.version}, PostgreSQL ${postgres}`;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function printResults(results: readonly BenchResult[]): void {
  for (const r of results) {
    const verdict = r.met === null ? 'NOT RUN' : r.met ? 'met' : 'MISSED';
    process.stdout.write(
      `\n${r.name}  [${verdict}; target ${r.target}]\n  ${r.figures}\n  baseline: ${r.baseline}\n  ratio: ${r.ratio}\n${r.note ? `  note: ${r.note}\n` : ''}`,
    );
  }
}

/** Appends one run (a heading and a table) to docs/performance.md. */
export async function appendRun(
  results: readonly BenchResult[],
  context: { scale: string; machine: string; smoke: boolean },
): Promise<void> {
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16);
  const lines = [
    '',
    `### ${date} UTC · ${commit()} · ${context.scale}${context.smoke ? ' · smoke' : ''}`,
    '',
    `Machine: ${context.machine}`,
    '',
    '| benchmark | figures | baseline (same run) | ratio | target | |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${cell(r.name)} | ${cell(r.figures)}${r.note ? ` — ${cell(r.note)}` : ''} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${cell(r.target)} | ${r.met === null ? 'not run' : r.met ? 'met' : '**missed**'} |`,
    ),
    '',
  ];
  const existing = await readFile(performanceDoc, 'utf8').catch(() => '');
  if (!existing) throw new Error(`${performanceDoc} is missing`);
  await appendFile(performanceDoc, lines.join('\n'));
  // The lint step checks the document's format: a recorded run must not leave main red.
  try {
    execFileSync(path.resolve('node_modules/.bin/biome'), ['format', '--write', performanceDoc], { stdio: 'ignore' });
  } catch {
    console.error(
      `Could not format ${performanceDoc}: run \`npx biome format --write docs/performance.md\` before committing.`,
    );
  }
}
