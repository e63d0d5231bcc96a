import { type Kysely, sql } from 'kysely';

/**
 * Issue 6, benchmark 2 (audited reads and changes under load).
 *
 * `audit_append`: every appender in every process takes the chain's lock, so the time it is held
 * bounds all audited work. It used to span four round trips (lock, last hash, insert, commit with
 * its WAL flush); now the lock, the last hash, the hashes and the insert are one call, and the
 * commit does not wait for the WAL flush (the caller waits for it after the lock is released:
 * src/platform/audit/wal-flush.ts). The hash is the one `auditHash` (hash-chain.ts) computes,
 * which `haven audit verify` checks: the caller sends each entry's canonical JSON after the
 * previous hash and the time (`tail`), and the function puts those two in front.
 *
 * `session_account`: the session of a cookie with its account, roles and permissions, which every
 * authenticated request reads (src/platform/auth/sessions.ts); as a function its plan is kept
 * (planning the joins cost several times more than running them).
 *
 * `child_file_parts`: the parts of a file
 * (family and situations, categories, merged files, places, rule sets) in one call whose plans
 * PostgreSQL keeps, because planning the same statements on every read cost more than running
 * them. The caller selects the child through the actor's scope and calls this only for that row;
 * `fileInScope` (src/features/registry/file-store.ts) reads it, and a test checks it shows what
 * the piecewise queries show.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION audit_append(p_entries jsonb) RETURNS void
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
      -- Read after the lock (each statement here takes a new snapshot): the last committed entry.
      SELECT a.hash INTO prev FROM audit_log a ORDER BY a.id DESC LIMIT 1;
      prev := coalesce(prev, repeat('0', 64));
      -- The application's clock, as before (entries of one call share it); the database's when absent.
      -- Milliseconds, as JavaScript's toISOString() writes them when the chain is verified.
      occurred := date_trunc('milliseconds', coalesce((p_entries->0->>'occurredAt')::timestamptz, clock_timestamp()));
      occurred_text := to_char(occurred AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      FOR tail IN SELECT e.value->>'tail' FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS e ORDER BY e.ordinality LOOP
        prevs := prevs || prev;
        prev := encode(sha256(convert_to('["' || prev || '","' || occurred_text || '",' || tail, 'UTF8')), 'hex');
        hashes := hashes || prev;
      END LOOP;
      -- One insert, in chain order (ids are drawn in that order).
      INSERT INTO audit_log (occurred_at, actor_user_id, actor_org_id, actor_label, action, entity_type, entity_id, child_id, outcome, ip, request_id, details, prev_hash, hash)
      SELECT occurred, (e.value->>'actorUserId')::uuid, (e.value->>'actorOrgId')::uuid, e.value->>'actorLabel', e.value->>'action', e.value->>'entityType', e.value->>'entityId',
             (e.value->>'childId')::uuid, e.value->>'outcome', e.value->>'ip', e.value->>'requestId', e.value->'details', prevs[e.ordinality], hashes[e.ordinality]
      FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS e
      ORDER BY e.ordinality;
    END
    $fn$`.execute(db);

  await sql`
    CREATE FUNCTION session_account(p_token_hash text) RETURNS json
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
    AS $fn$
    BEGIN
      RETURN (
        SELECT json_build_object(
          'tokenHash', s.token_hash, 'userId', s.user_id, 'csrfToken', s.csrf_token, 'mfaPassed', s.mfa_passed,
          'lastSeenAt', s.last_seen_at, 'absoluteExpiresAt', s.absolute_expires_at,
          'id', u.id, 'username', u.username, 'displayName', u.display_name, 'organisationId', u.organisation_id,
          'organisationName', o.name, 'organisationKind', o.kind, 'jurisdictionCode', u.jurisdiction_code,
          'mustChangePassword', u.must_change_password, 'totpEnabled', u.totp_enabled, 'disabled', u.disabled, 'preferences', u.preferences,
          'roles', coalesce((SELECT json_agg(json_build_array(r.code, r.permissions)) FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id), '[]'))
        FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
        WHERE s.token_hash = p_token_hash);
    END
    $fn$`.execute(db);

  await sql`
    CREATE FUNCTION child_file_parts(p_child uuid, p_residence text, p_hukou text) RETURNS json
    LANGUAGE plpgsql STABLE
    -- Every statement is a lookup by key: the generic plan is the right one, and is kept.
    SET plan_cache_mode = force_generic_plan
    AS $fn$
    DECLARE
      file_ids uuid[] := ARRAY(SELECT p_child UNION ALL SELECT m.id FROM children m WHERE m.merged_into = p_child);
    BEGIN
      RETURN json_build_object(
        'members', (
          SELECT coalesce(json_agg(json_build_object(
            'member', to_jsonb(fm.*),
            'situations', (SELECT coalesce(json_agg(to_jsonb(s.*) ORDER BY s.since, s.created_at), '[]') FROM member_situations s WHERE s.member_id = fm.id)
          ) ORDER BY fm.created_at, fm.id), '[]')
          FROM family_members fm WHERE fm.child_id = ANY(file_ids) AND fm.removed_at IS NULL),
        'categories', (
          SELECT coalesce(json_agg(to_jsonb(cc.*) || jsonb_build_object('decided_by_name', u.display_name) ORDER BY cc.created_at DESC, cc.id), '[]')
          FROM child_categories cc LEFT JOIN users u ON u.id = cc.decided_by WHERE cc.child_id = ANY(file_ids)),
        'merged', (
          SELECT coalesce(json_agg(json_build_object('id', m.id, 'havenCode', m.haven_code, 'name', m.name) ORDER BY m.file_no), '[]')
          FROM children m WHERE m.merged_into = p_child),
        -- The division and its ancestors, as ancestorCodes() (src/features/divisions/rules.ts) names them.
        'residence', (
          SELECT coalesce(json_agg(json_build_object('code', d.code, 'name', d.name) ORDER BY d.depth), '[]') FROM divisions d
          WHERE d.code IN (rpad(left(p_residence, 2), 12, '0'), rpad(left(p_residence, 4), 12, '0'), rpad(left(p_residence, 6), 12, '0'), rpad(left(p_residence, 9), 12, '0'), p_residence)),
        'hukou', (
          SELECT coalesce(json_agg(json_build_object('code', d.code, 'name', d.name) ORDER BY d.depth), '[]') FROM divisions d
          WHERE d.code IN (rpad(left(p_hukou, 2), 12, '0'), rpad(left(p_hukou, 4), 12, '0'), rpad(left(p_hukou, 6), 12, '0'), rpad(left(p_hukou, 9), 12, '0'), p_hukou)),
        'ruleSets', (
          SELECT coalesce(json_agg(json_build_object('scopeCode', r.scope_code, 'version', r.version, 'validFrom', r.valid_from, 'rules', r.rules)), '[]')
          FROM rule_sets r)
      );
    END
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION child_file_parts(uuid, text, text)`.execute(db);
  await sql`DROP FUNCTION audit_append(jsonb)`.execute(db);
  await sql`DROP FUNCTION session_account(text)`.execute(db);
}
