import { createHash } from 'node:crypto';
import type { CompiledQuery, PostgresPool, PostgresPoolClient, QueryResult } from 'kysely';
import type pg from 'pg';

/*
 * Named prepared statements for the few statements every request runs (the session, a child's
 * file). An unnamed statement is parsed and planned on every call; a named one is parsed once per
 * connection and its plan can be kept. Only statements a caller names are prepared: naming every
 * text would keep one prepared statement per distinct text (IN lists of every length) on every
 * connection for ever.
 */

// Statement text → name. Bounded: a caller whose text varied without end would stop being named, not grow this.
const names = new Map<string, string>();
const maxNames = 500;

function nameFor(label: string, text: string): string | undefined {
  const known = names.get(text);
  if (known) return known;
  if (names.size >= maxNames) return undefined;
  // The text's hash in the name: pg refuses one name for two texts (an actor with two jurisdictions
  // compiles another text), and the same text always gets the same name on every connection.
  const name = `${label}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
  names.set(text, name);
  return name;
}

/** What runs a compiled query: a Kysely instance or a transaction, of any database type. */
interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/** Runs a compiled query as a named prepared statement (`label` makes it recognisable in pg_stat_statements' neighbours). */
export async function executeNamed<R>(
  db: QueryRunner,
  label: string,
  query: CompiledQuery<R>,
): Promise<QueryResult<R>> {
  nameFor(label, query.sql);
  return db.executeQuery(query);
}

/** A query builder's rows through `executeNamed`. */
export async function rowsNamed<R>(
  db: QueryRunner,
  label: string,
  query: { compile(): CompiledQuery<R> },
): Promise<R[]> {
  return (await executeNamed(db, label, query.compile())).rows;
}

/**
 * The end of a message that commits its transaction itself (the audit append sent with its COMMIT,
 * src/platform/audit/chain-write.ts): the transaction's own COMMIT that Kysely sends next is then
 * answered by the pool without a round trip. Nothing may be sent on the transaction in between.
 */
export const endsWithCommit = '; COMMIT';

const emptyResult = (command: string): pg.QueryResult => ({ command, rowCount: null, rows: [], fields: [], oid: 0 });

/**
 * A message that begins with the transaction's deferred `BEGIN` answers with BEGIN's result first:
 * dropped, so the caller sees what its own statement(s) alone would have answered.
 */
function withoutBegin(result: pg.QueryResult | pg.QueryResult[]): pg.QueryResult | pg.QueryResult[] {
  if (!Array.isArray(result)) return result;
  const rest = result.slice(1);
  return rest.length === 1 ? rest[0]! : rest;
}

/** The pool as Kysely's dialect sees it: statements named by `executeNamed` go to PostgreSQL as named statements. */
export function namingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrapped.get(client);
      if (!wrapper) {
        // Set once a message ended with its own COMMIT (`endsWithCommit`): the transaction is over.
        let committed = false;
        // Kysely's `BEGIN`, not sent yet: it rides with the transaction's first statement when that
        // one takes no parameters (a simple-query message may hold several statements; issue 21).
        let beginDeferred = false;
        const send = (text: string, parameters?: readonly unknown[]): Promise<pg.QueryResult> => {
          if (/^begin$/i.test(text)) {
            committed = false;
            beginDeferred = true;
            return Promise.resolve(emptyResult('BEGIN'));
          }
          if (committed) {
            committed = false;
            // Kysely's own COMMIT (or ROLLBACK) of a transaction that already committed: answered
            // here, without a round trip (issue 21). Anything else runs as it would after a COMMIT.
            if (/^(commit|rollback)$/i.test(text)) return Promise.resolve(emptyResult(text.toUpperCase()));
          }
          // Only once it succeeded: a message that failed leaves its transaction for Kysely's ROLLBACK.
          if (text.endsWith(endsWithCommit))
            return client.query(text, parameters as unknown[]).then((result) => {
              committed = true;
              return result;
            });
          const name = names.get(text);
          return name
            ? client.query({ name, text, values: parameters as unknown[] })
            : client.query(text, parameters as unknown[]);
        };
        const afterDeferredBegin = (text: string | object, parameters?: readonly unknown[]) => {
          beginDeferred = false;
          // A transaction that sent nothing has nothing to end.
          if (typeof text === 'string' && /^(commit|rollback)$/i.test(text))
            return Promise.resolve(emptyResult(text.toUpperCase()));
          if (typeof text === 'string' && (parameters?.length ?? 0) === 0) {
            // One message: BEGIN and a statement whose values are literals (escaped by pg's escapeLiteral).
            const message = client.query(`BEGIN; ${text}`).then(withoutBegin);
            return text.endsWith(endsWithCommit)
              ? message.then((result) => {
                  committed = true;
                  return result;
                })
              : message;
          }
          const begun = client.query('BEGIN');
          // A cursor is returned at once (Kysely reads it): pg sends it after the queued BEGIN.
          if (typeof text !== 'string') {
            begun.catch(() => undefined);
            return client.query(text as unknown as pg.Submittable);
          }
          // Only after BEGIN succeeded: never a statement outside the transaction it belongs to.
          return begun.then(() => send(text, parameters));
        };
        wrapper = {
          query: ((text: string | object, parameters?: readonly unknown[]) => {
            if (beginDeferred) return afterDeferredBegin(text, parameters);
            // A cursor (Kysely's stream) passes through unchanged.
            if (typeof text !== 'string') return client.query(text as unknown as pg.Submittable);
            return send(text, parameters);
          }) as unknown as PostgresPoolClient['query'],
          release: (destroy?: boolean) => {
            beginDeferred = false;
            client.release(destroy);
          },
        };
        wrapped.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
