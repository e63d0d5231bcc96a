import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

/** Redocly CLI, run by the Node that runs us (no network: no telemetry, no update check). */
const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const quiet = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
export const redoclyLintArgs = (file: string) => [cli, 'lint', '--extends=recommended', file];

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

export interface LintResult {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

/** Lints an OpenAPI file with Redocly's recommended rules; the problems as Redocly reports them. */
export function redoclyLint(file: string): Promise<LintResult> {
  const args = [...redoclyLintArgs(file), '--format=json', '--max-problems=10000'];
  return new Promise((resolve, reject) => {
    // Redocly exits 1 when it finds errors: the JSON on stdout is the answer either way.
    execFile(process.execPath, args, { env: quiet, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as LintResult);
      } catch {
        reject(error ?? new Error(`redocly lint gave no JSON: ${stderr}`));
      }
    });
  });
}

export { quiet as redoclyEnv };
