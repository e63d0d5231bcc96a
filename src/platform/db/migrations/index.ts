import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';

/**
 * Every migration, in order. Listed statically (not read from the folder) so the same list works
 * from TypeScript sources, the compiled build and a bundled CLI.
 */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
};
