import { DomainError } from '../errors.js';
import { translate } from '../i18n/translate.js';

/** Built-in error classes: a programming mistake rather than a situation Haven describes itself. */
const unexpectedKinds = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError', 'EvalError', 'URIError']);

/**
 * One line that says what happened, whatever was thrown: Haven's own errors carry the whole
 * sentence; an AggregateError (which `pg` rejects with when every address refuses, its message
 * empty), a PostgreSQL error without a message, or a thrown non-Error still give a real line.
 */
export function describeError(error: unknown): string {
  if (error instanceof DomainError)
    return `${translate('zh-CN', error.code, error.params)} / ${translate('en', error.code, error.params)}`;
  if (error instanceof AggregateError && !error.message && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeError))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const detail = (error as { detail?: unknown }).detail;
    const severity = (error as { severity?: unknown }).severity;
    const fromPostgres = typeof severity === 'string' && typeof code === 'string';
    let text = error.message.trim();
    if (fromPostgres) {
      return oneLine(
        `PostgreSQL refused: ${text || 'an error without a message'} (SQLSTATE ${String(code)}${typeof detail === 'string' && detail ? `; ${detail}` : ''})`,
      );
    }
    const where = thrownAt(error);
    if (!text) {
      if (typeof code === 'string') text = `${error.name} ${code}`;
      else if (error.cause !== undefined)
        text = `${error.name || 'Error'} without a message: ${describeError(error.cause)}`;
      else text = `${error.name || 'Error'} without a message${where ? `, thrown at ${where}` : ''}`;
    } else if (unexpectedKinds.has(error.name) && typeof code !== 'string') {
      text += ` (unexpected ${error.name}${where ? ` at ${where}` : ''}; HAVEN_DEBUG=1 shows the stack)`;
    }
    return oneLine(text);
  }
  if (error === undefined || error === null)
    return `an unexpected failure without any message (${String(error)}); run with HAVEN_DEBUG=1 to see where`;
  return oneLine(`unexpected failure: ${typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error))}`);
}

/** The first place in Haven's own code on the error's stack, relative to the working folder. */
function thrownAt(error: Error): string | undefined {
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    const location = /\(?((?:file:\/\/)?\/[^()\s]+:\d+:\d+)\)?\s*$/.exec(line.trim())?.[1];
    if (!location || location.includes('/node_modules/')) continue;
    const file = location.replace(/^file:\/\//, '');
    return file.startsWith(`${process.cwd()}/`) ? file.slice(process.cwd().length + 1) : file;
  }
  return undefined;
}

function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' | ');
}

/** Every failure of a command ends as one line saying what happened and what to do, and exit 1. */
export function reportFailure(error: unknown): never {
  process.stderr.write(`haven: ${describeError(error)}\n`);
  if (process.env.HAVEN_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}

let fatalCleanup: (() => Promise<void>) | undefined;

/** What to undo (stop the server, its PostgreSQL) when an error escapes everything else. */
export function onFatalCleanup(cleanup: (() => Promise<void>) | undefined): void {
  fatalCleanup = cleanup;
}

/** For uncaught exceptions and unhandled rejections: the one line, a bounded clean-up, exit 1. */
export function reportFatal(error: unknown): void {
  const cleanup = fatalCleanup;
  if (!cleanup) reportFailure(error);
  fatalCleanup = undefined;
  process.stderr.write(`haven: ${describeError(error)}\n`);
  if (process.env.HAVEN_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  const timer = setTimeout(() => process.exit(1), 20_000);
  timer.unref();
  cleanup()
    .catch(() => undefined)
    .finally(() => process.exit(1));
}

export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}
