import { type Kysely, sql } from 'kysely';

/**
 * Issue 21, sweeps ≤ 5 s: the snapshot's referral counts (declined, and declined or overdue by the
 * receiver's sector) are recounted, in the running month's later runs, only in the divisions marked
 * here — as 0186, statement-level triggers writing one INSERT … SELECT DISTINCT per statement into
 * `insight_snapshot_marks`, keyed by the referral's division. A referral clock falling due is found
 * by the sweep's time window, not here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const marks: { name: string; body: string }[] = [
    {
      name: 'snapshot_marks_referrals_updated',
      body: `SELECT DISTINCT x.code FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.division_code), (o.division_code)) AS x(code)
        WHERE (n.division_code, n.to_org_id, n.created_at) IS DISTINCT FROM (o.division_code, o.to_org_id, o.created_at)`,
    },
    // The counts read only declines among a referral's actions.
    {
      name: 'snapshot_marks_new_declines',
      body: `SELECT DISTINCT r.division_code FROM new_rows a JOIN referrals r ON r.id = a.referral_id
        WHERE a.status_after = 'declined'`,
    },
    {
      name: 'snapshot_marks_old_declines',
      body: `SELECT DISTINCT r.division_code FROM old_rows a JOIN referrals r ON r.id = a.referral_id
        WHERE a.status_after = 'declined'`,
    },
    {
      name: 'snapshot_marks_declines_updated',
      body: `SELECT DISTINCT r.division_code FROM (SELECT referral_id, status_after FROM new_rows
        UNION ALL SELECT referral_id, status_after FROM old_rows) a JOIN referrals r ON r.id = a.referral_id
        WHERE a.status_after = 'declined'`,
    },
    // A referral's clock counts at the referral's division (its own may differ).
    {
      name: 'snapshot_marks_new_referral_clocks',
      body: `SELECT DISTINCT r.division_code FROM new_rows k JOIN referrals r ON r.id = k.subject_id
        WHERE k.rule LIKE 'referral.%'`,
    },
    {
      name: 'snapshot_marks_old_referral_clocks',
      body: `SELECT DISTINCT r.division_code FROM old_rows k JOIN referrals r ON r.id = k.subject_id
        WHERE k.rule LIKE 'referral.%'`,
    },
    // Only what the overdue count reads: not the escalation the escalation sweep moves.
    {
      name: 'snapshot_marks_referral_clocks_updated',
      body: `SELECT DISTINCT r.division_code FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN referrals r ON r.id IN (n.subject_id, o.subject_id)
        WHERE (n.rule LIKE 'referral.%' OR o.rule LIKE 'referral.%')
          AND (n.subject_id, n.rule, n.state, n.started_at, n.due_at, n.stopped_at, n.paused_at)
            IS DISTINCT FROM (o.subject_id, o.rule, o.state, o.started_at, o.due_at, o.stopped_at, o.paused_at)`,
    },
    // A receiver's kind decides the sector of every referral it received.
    {
      name: 'snapshot_marks_receiver_kind',
      body: `SELECT DISTINCT r.division_code FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN referrals r ON r.to_org_id = n.id WHERE n.kind IS DISTINCT FROM o.kind`,
    },
  ];
  for (const mark of marks) {
    await sql
      .raw(`CREATE FUNCTION ${mark.name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO insight_snapshot_marks (division_code)
      SELECT code FROM (${mark.body}) AS marked(code) WHERE code IS NOT NULL;
      RETURN NULL;
    END $$`)
      .execute(db);
  }
  for (const [table, event, fn] of referralTriggers) {
    const transition =
      event === 'INSERT'
        ? 'NEW TABLE AS new_rows'
        : event === 'DELETE'
          ? 'OLD TABLE AS old_rows'
          : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
    await sql
      .raw(
        `CREATE TRIGGER ${table}_snapshot_referral_marks_${event.toLowerCase()} AFTER ${event} ON ${table}
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      )
      .execute(db);
  }
}

const referralTriggers: [string, 'INSERT' | 'UPDATE' | 'DELETE', string][] = [
  ['referrals', 'INSERT', 'snapshot_marks_new_division'],
  ['referrals', 'UPDATE', 'snapshot_marks_referrals_updated'],
  ['referrals', 'DELETE', 'snapshot_marks_old_division'],
  ['referral_actions', 'INSERT', 'snapshot_marks_new_declines'],
  ['referral_actions', 'UPDATE', 'snapshot_marks_declines_updated'],
  ['referral_actions', 'DELETE', 'snapshot_marks_old_declines'],
  ['clocks', 'INSERT', 'snapshot_marks_new_referral_clocks'],
  ['clocks', 'UPDATE', 'snapshot_marks_referral_clocks_updated'],
  ['clocks', 'DELETE', 'snapshot_marks_old_referral_clocks'],
  ['organisations', 'UPDATE', 'snapshot_marks_receiver_kind'],
];

const ownFunctions = [
  'snapshot_marks_referrals_updated',
  'snapshot_marks_new_declines',
  'snapshot_marks_old_declines',
  'snapshot_marks_declines_updated',
  'snapshot_marks_new_referral_clocks',
  'snapshot_marks_old_referral_clocks',
  'snapshot_marks_referral_clocks_updated',
  'snapshot_marks_receiver_kind',
];

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, event] of referralTriggers)
    await sql.raw(`DROP TRIGGER ${table}_snapshot_referral_marks_${event.toLowerCase()} ON ${table}`).execute(db);
  for (const fn of ownFunctions) await sql.raw(`DROP FUNCTION ${fn}()`).execute(db);
}
