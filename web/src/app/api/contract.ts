import type { z } from 'zod';

/**
 * The server answered with a body the contract (`src/contract`) does not describe: a renamed or
 * missing field, a new status. The page must not guess ("—" where a field vanished), so this
 * error is thrown to the page's error boundary, which says so plainly, and it is logged.
 */
export class ContractViolationError extends Error {
  readonly path: string;
  readonly problems: string[];

  constructor(path: string, problems: string[]) {
    super(`The answer of ${path} does not match the contract: ${problems.join('; ')}`);
    this.name = 'ContractViolationError';
    this.path = path;
    this.problems = problems;
  }
}

/** Reads a response body with the contract's schema; anything else fails loudly. */
export function parseWithContract<S extends z.ZodType>(schema: S, body: unknown, path: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  const error = new ContractViolationError(path, problems);
  console.error(error.message);
  throw error;
}
