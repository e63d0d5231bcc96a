import { DomainError } from '../platform/errors.js';
import { translate } from '../platform/i18n/translate.js';

/** Every failure of a command ends as one line saying what happened and what to do, and exit 1. */
export function reportFailure(error: unknown): never {
  const message =
    error instanceof DomainError
      ? translate('zh-CN', error.code, error.params) + ` / ${translate('en', error.code, error.params)}`
      : error instanceof Error
        ? error.message || error.name
        : `unexpected failure: ${String(error)}`;
  process.stderr.write(`haven: ${message}\n`);
  if (process.env.HAVEN_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}

export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}
