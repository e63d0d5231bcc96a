import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { EmbeddedCluster } from '../db/embedded.js';
import type { Database } from '../db/schema.js';

/** What routes need from the running process. */
export interface HttpDeps {
  db: Kysely<Database>;
  config: Config;
  embedded: EmbeddedCluster | undefined;
}

export type HavenApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
