import { type Kysely, sql } from 'kysely';

/**
 * Every Haven process keeps a signed-in session's lookup for a few seconds
 * (src/platform/auth/session-cache.ts) and LISTENs on `haven_sessions`. These triggers send a
 * notice on that channel, with the commit, for every change that can end or narrow a session
 * (or widen one still owing a step): whoever wrote it — a route, the CLI, a restore, psql. The
 * payload is the user's id, or '*' when a role's permissions or an organisation's name or kind
 * changed (that reaches many users). A session's `last_seen_at` touch (at most once a minute) sends
 * one too: a session moved back in time by hand must not live on in memory.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION notify_session_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $fn$
    BEGIN
      IF TG_TABLE_NAME IN ('roles', 'organisations') THEN
        PERFORM pg_notify('haven_sessions', '*');
      ELSIF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('haven_sessions', NEW.user_id::text);
      ELSIF TG_TABLE_NAME = 'users' THEN
        PERFORM pg_notify('haven_sessions', OLD.id::text);
      ELSE
        PERFORM pg_notify('haven_sessions', OLD.user_id::text);
        IF TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id THEN
          PERFORM pg_notify('haven_sessions', NEW.user_id::text);
        END IF;
      END IF;
      RETURN NULL;
    END
    $fn$`.execute(db);
  for (const table of ['sessions', 'users']) {
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_change_notice`)} AFTER UPDATE ON ${sql.id(table)}
      FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION notify_session_change()`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_removal_notice`)} AFTER DELETE ON ${sql.id(table)}
      FOR EACH ROW EXECUTE FUNCTION notify_session_change()`.execute(db);
  }
  await sql`
    CREATE TRIGGER user_roles_change_notice AFTER INSERT OR DELETE OR UPDATE ON user_roles
    FOR EACH ROW EXECUTE FUNCTION notify_session_change()`.execute(db);
  await sql`
    CREATE TRIGGER roles_change_notice AFTER DELETE OR UPDATE ON roles
    FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change()`.execute(db);
  await sql`
    CREATE TRIGGER organisations_change_notice AFTER UPDATE OF name, kind ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['organisations', 'roles', 'user_roles', 'users', 'sessions'])
    await sql`DROP TRIGGER ${sql.id(`${table}_change_notice`)} ON ${sql.id(table)}`.execute(db);
  for (const table of ['users', 'sessions'])
    await sql`DROP TRIGGER ${sql.id(`${table}_removal_notice`)} ON ${sql.id(table)}`.execute(db);
  await sql`DROP FUNCTION notify_session_change()`.execute(db);
}
