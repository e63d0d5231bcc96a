import { type Kysely, sql } from 'kysely';

/**
 * Issue 12, item 8: the audit chain becomes keyed. `audit_append` (0015) hashed each entry with
 * plain SHA-256, so whoever could write the table could rewrite entries and recompute every hash.
 * From now on each hash is HMAC-SHA256 under the audit-chain subkey of the installation key, which
 * lives outside the database (src/platform/secrets/installation-key.ts). The key is never stored
 * here and never part of a statement's text: each connection of Haven's pools hands it over once,
 * as a bind parameter, into the session setting `haven.audit_chain_key` (src/platform/audit/
 * session-key.ts), as HMAC's inner and outer padded keys (hex), so only the built-in `sha256()` is
 * needed. A session without it cannot append: it fails instead of writing an unkeyed entry.
 *
 * Entries already written keep their SHA-256 hashes: `haven audit verify` accepts the old rule
 * only before the first keyed entry, and refuses a chain that has old-rule entries and no keyed
 * entry after them (src/platform/audit/verify.ts).
 *
 * The table is append-only for the application role too: it is granted INSERT and SELECT only
 * (src/platform/db/app-role.ts); the trigger of 0001 still stops the owner.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION audit_append(p_entries jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    AS $fn$
    DECLARE
      pads text := current_setting('haven.audit_chain_key', true);
      inner_key bytea;
      outer_key bytea;
      prev text;
      occurred timestamptz;
      occurred_text text;
      prevs text[] := '{}';
      hashes text[] := '{}';
      tail text;
    BEGIN
      IF pads IS NULL OR length(pads) <> 256 THEN
        RAISE EXCEPTION 'audit_append: this session has no audit chain key (Haven hands it over on connecting)' USING ERRCODE = 'insufficient_privilege';
      END IF;
      inner_key := decode(substr(pads, 1, 128), 'hex');
      outer_key := decode(substr(pads, 129, 128), 'hex');
      PERFORM set_config('synchronous_commit', 'off', true);
      PERFORM pg_advisory_xact_lock(720401);
      SELECT a.hash INTO prev FROM audit_log a ORDER BY a.id DESC LIMIT 1;
      prev := coalesce(prev, repeat('0', 64));
      occurred := date_trunc('milliseconds', coalesce((p_entries->0->>'occurredAt')::timestamptz, clock_timestamp()));
      occurred_text := to_char(occurred AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      FOR tail IN SELECT e.value->>'tail' FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS e ORDER BY e.ordinality LOOP
        prevs := prevs || prev;
        -- HMAC-SHA256(key, text) = sha256(outer_key || sha256(inner_key || text))
        prev := encode(sha256(outer_key || sha256(inner_key || convert_to('["' || prev || '","' || occurred_text || '",' || tail, 'UTF8'))), 'hex');
        hashes := hashes || prev;
      END LOOP;
      INSERT INTO audit_log (occurred_at, actor_user_id, actor_org_id, actor_label, action, entity_type, entity_id, child_id, outcome, ip, request_id, details, prev_hash, hash)
      SELECT occurred, (e.value->>'actorUserId')::uuid, (e.value->>'actorOrgId')::uuid, e.value->>'actorLabel', e.value->>'action', e.value->>'entityType', e.value->>'entityId',
             (e.value->>'childId')::uuid, e.value->>'outcome', e.value->>'ip', e.value->>'requestId', e.value->'details', prevs[e.ordinality], hashes[e.ordinality]
      FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS e
      ORDER BY e.ordinality;
    END
    $fn$`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION audit_append(p_entries jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    AS $fn$
    DECLARE
      prev text;
      occurred timestamptz;
      occurred_text text;
      prevs text[] := '{}';
      hashes text[] := '{}';
      tail text;
    BEGIN
      PERFORM set_config('synchronous_commit', 'off', true);
      PERFORM pg_advisory_xact_lock(720401);
      SELECT a.hash INTO prev FROM audit_log a ORDER BY a.id DESC LIMIT 1;
      prev := coalesce(prev, repeat('0', 64));
      occurred := date_trunc('milliseconds', coalesce((p_entries->0->>'occurredAt')::timestamptz, clock_timestamp()));
      occurred_text := to_char(occurred AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      FOR tail IN SELECT e.value->>'tail' FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS e ORDER BY e.ordinality LOOP
        prevs := prevs || prev;
        prev := encode(sha256(convert_to('["' || prev || '","' || occurred_text || '",' || tail, 'UTF8')), 'hex');
        hashes := hashes || prev;
      END LOOP;
      INSERT INTO audit_log (occurred_at, actor_user_id, actor_org_id, actor_label, action, entity_type, entity_id, child_id, outcome, ip, request_id, details, prev_hash, hash)
      SELECT occurred, (e.value->>'actorUserId')::uuid, (e.value->>'actorOrgId')::uuid, e.value->>'actorLabel', e.value->>'action', e.value->>'entityType', e.value->>'entityId',
             (e.value->>'childId')::uuid, e.value->>'outcome', e.value->>'ip', e.value->>'requestId', e.value->'details', prevs[e.ordinality], hashes[e.ordinality]
      FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS e
      ORDER BY e.ordinality;
    END
    $fn$`.execute(db);
}
