import { afterAll } from 'vitest';
import { forbiddenInErrorBody, recordedErrors } from './error-bodies.js';

/*
 * Runs after every test file (vitest setupFiles): every error body that file's test servers sent
 * is scanned; one that carries a secret or an identifier the caller did not send fails the file.
 */
afterAll(() => {
  // Workers keep modules between files (isolate: false): each file is judged on its own bodies only.
  const bodies = recordedErrors.splice(0);
  const problems = bodies.flatMap((recorded) =>
    forbiddenInErrorBody(recorded).map(
      (what) => `${recorded.method} ${recorded.url.split('?')[0]} → ${recorded.status}: ${what}`,
    ),
  );
  if (problems.length > 0)
    throw new Error(`Error bodies told the caller what it must not see:\n${[...new Set(problems)].join('\n')}`);
});
