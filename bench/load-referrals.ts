import type pg from 'pg';
import { serviceCodes } from '../src/contract/service-matrix/vocabulary.js';
import { dayOf, isoOf } from '../src/demo/synthetic/dates.js';
import { createRng } from '../src/demo/synthetic/prng.js';
import { openCopy } from './copy.js';

/** Kinds that receive referrals (DOMAIN §3: services are asked of society and public institutions). */
const receiverKinds = [
  'social_work_organisation',
  'charity',
  'womens_federation',
  'youth_league',
  'volunteer_team',
  'hospital',
  'school',
  'child_welfare_home',
];

/** The share of referrals the benchmark's own receiver gets: its inbox is the heaviest of the set. */
const benchReceiverShare = 0.2;

/** What every referral the generator makes says, so a later run can tell its rows from the demo's. */
export const benchReferralReason = '基准测试转介';
const benchActorLabel = '基准测试';

type Row = Record<string, unknown>;

/**
 * Referrals for `count` children (issue 15, benchmark 11): from the county civil affairs bureau of
 * the child's place (else any government body) to a receiving organisation — a fifth of them to
 * `benchReceiverId`, so one inbox holds the weight of a busy city's social work organisation. The
 * log as the workflow would leave it: most completed, some declined or withdrawn, ~15 % open
 * (requested, accepted, in progress) with their running clock (response, else completion) owned by
 * the receiver. Its own random stream (`<seed>:referrals`), so the other generators do not change.
 *
 * Resumable: the children are taken in file order and written in chunks, each committed on its own
 * (actions and clocks first, the referrals last, so a chunk's referrals mark it done). With `skip`
 * the first `skip` children's referrals are generated again — the same ids from the same stream —
 * and not written: a run that stopped part-way goes on where its last chunk ended.
 */
export async function loadReferrals(
  pool: pg.Pool,
  options: {
    seed: string;
    asOf: string;
    count: number;
    benchReceiverId: string;
    onProgress: (n: number) => void;
    /** Children whose referrals are already in the database (a resumed run). */
    skip?: number;
    chunk?: number;
  },
): Promise<{ referrals: number; actions: number; open: number }> {
  const skip = options.skip ?? 0;
  if (options.count <= skip) return { referrals: 0, actions: 0, open: 0 };
  const rng = createRng(`${options.seed}:referrals`);
  const receivers = (
    await pool.query<{ id: string }>(
      `SELECT id FROM organisations WHERE active AND kind = ANY($1) AND id <> $2 ORDER BY created_at, id`,
      [receiverKinds, options.benchReceiverId],
    )
  ).rows.map((r) => r.id);
  const senders = (
    await pool.query<{ id: string; division_code: string }>(
      `SELECT id, division_code FROM organisations WHERE active AND kind = 'civil_affairs_bureau' ORDER BY created_at, id`,
    )
  ).rows;
  const senderOf = new Map(senders.map((s) => [s.division_code.slice(0, 6), s.id]));
  const children = (
    await pool.query<{ id: string; residence_code: string }>(
      `SELECT id, residence_code FROM children ORDER BY file_no LIMIT $1`,
      [options.count],
    )
  ).rows;
  const asOfDay = dayOf(options.asOf);
  const consent = { guardian: 'given', child: 'given' };
  const chunk = options.chunk ?? 50_000;
  let made = 0;
  let actionCount = 0;
  let open = 0;
  let batch = { referrals: [] as Row[], actions: [] as Row[], clocks: [] as Row[], escalations: [] as Row[] };
  for (const [position, child] of children.entries()) {
    const id = rng.uuid();
    const from = senderOf.get(child.residence_code.slice(0, 6)) ?? senders[rng.int(0, senders.length - 1)]!.id;
    const to =
      rng.chance(benchReceiverShare) || receivers.length === 0
        ? options.benchReceiverId
        : receivers[rng.int(0, receivers.length - 1)]!;
    const day = asOfDay - rng.int(0, 700);
    const at = (offset: number) => `${isoOf(Math.min(asOfDay, day + offset))}T02:${String(rng.int(10, 59))}:00.000Z`;
    // The path the log takes: 15 % still open, then completed, declined or withdrawn.
    const roll = rng.int(0, 99);
    const path: [string, string][] =
      roll < 5
        ? [['request', 'requested']]
        : roll < 10
          ? [
              ['request', 'requested'],
              ['accept', 'accepted'],
            ]
          : roll < 15
            ? [
                ['request', 'requested'],
                ['accept', 'accepted'],
                ['start', 'in_progress'],
              ]
            : roll < 25
              ? [
                  ['request', 'requested'],
                  ['decline', 'declined'],
                ]
              : roll < 30
                ? [
                    ['request', 'requested'],
                    ['withdraw', 'withdrawn'],
                  ]
                : [
                    ['request', 'requested'],
                    ['accept', 'accepted'],
                    ['start', 'in_progress'],
                    ['complete', 'completed'],
                  ];
    const dueOn = isoOf(day + rng.int(10, 60));
    batch.referrals.push({
      id,
      child_id: child.id,
      from_org_id: from,
      to_org_id: to,
      service: serviceCodes[rng.int(0, serviceCodes.length - 1)],
      shares: ['identity', 'assessment'],
      reason: benchReferralReason,
      due_on: dueOn,
      consent,
      division_code: child.residence_code,
      seq: path.length,
      created_at: at(0),
    });
    for (const [index, [type, status]] of path.entries())
      batch.actions.push({
        referral_id: id,
        seq: index + 1,
        type,
        status_after: status,
        payload: {},
        actor_label: benchActorLabel,
        occurred_at: at(index * 2),
      });
    const last = path.at(-1)![1];
    if (last === 'requested' || last === 'accepted' || last === 'in_progress') {
      if (position >= skip) open += 1;
      const requested = last === 'requested';
      const startedAt = at(requested ? 0 : 2);
      const dueAt = requested ? `${isoOf(dayOf(startedAt.slice(0, 10)) + 2)}T10:00:00.000Z` : `${dueOn}T15:59:59.000Z`;
      const clockId = rng.uuid();
      batch.clocks.push({
        id: clockId,
        rule: requested ? 'referral.response' : 'referral.completion',
        owner_org_id: to,
        subject_type: 'referral',
        subject_id: id,
        child_id: child.id,
        division_code: child.residence_code,
        started_at: startedAt,
        due_at: dueAt,
        state: 'running',
        counts_working_days: requested,
        escalation_hours: [0, 24, 72, 168, 336],
        created_at: startedAt,
      });
      batch.escalations.push({ clock_id: clockId, escalation_level: 0, next_escalation_at: dueAt });
    }
    // Skipped children are generated all the same: the stream, and so every later id, stays the same.
    if (position < skip) {
      batch = { referrals: [], actions: [], clocks: [], escalations: [] };
      continue;
    }
    made += 1;
    if (batch.referrals.length >= chunk || position === children.length - 1) {
      actionCount += batch.actions.length;
      await writeChunk(pool, batch);
      batch = { referrals: [], actions: [], clocks: [], escalations: [] };
      options.onProgress(skip + made);
    }
  }
  return { referrals: made, actions: actionCount, open };
}

/** One chunk, committed table by table: the referrals last, so their count says how far a run got. */
async function writeChunk(
  pool: pg.Pool,
  batch: { referrals: Row[]; actions: Row[]; clocks: Row[]; escalations: Row[] },
): Promise<void> {
  for (const [table, columns, rows] of [
    ['referral_actions', actionColumns, batch.actions],
    ['clocks', clockColumns, batch.clocks],
    ['clock_escalations', ['clock_id', 'escalation_level', 'next_escalation_at'], batch.escalations],
    ['referrals', referralColumns, batch.referrals],
  ] as const) {
    const target = await openCopy(pool, table, columns);
    let failure: unknown;
    try {
      await target.write(rows);
    } catch (error) {
      failure = error;
    } finally {
      await target.end().catch((e: unknown) => (failure ??= e));
    }
    if (failure) throw failure;
  }
}

const referralColumns = [
  'id',
  'child_id',
  'from_org_id',
  'to_org_id',
  'service',
  'shares',
  'reason',
  'due_on',
  'consent',
  'division_code',
  'seq',
  'created_at',
];
const actionColumns = ['referral_id', 'seq', 'type', 'status_after', 'payload', 'actor_label', 'occurred_at'];
const clockColumns = [
  'id',
  'rule',
  'owner_org_id',
  'subject_type',
  'subject_id',
  'child_id',
  'division_code',
  'started_at',
  'due_at',
  'state',
  'counts_working_days',
  'escalation_hours',
  'created_at',
];

/**
 * Rows a run that stopped between a chunk's tables left behind: actions and clocks of referrals
 * that were never committed. Removed before a resumed run writes that chunk again — with triggers
 * off, as the load wrote them: `referral_actions` is append-only for the application, and these are
 * the generator's rows of a chunk that never happened.
 */
export async function removeUnfinishedChunk(pool: pg.Pool): Promise<{ actions: number; clocks: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const actions = await client.query(
      `DELETE FROM referral_actions a WHERE a.actor_label = $1
         AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.id = a.referral_id)`,
      [benchActorLabel],
    );
    // Triggers are off: the escalation rows go first, by hand (no cascade).
    await client.query(
      `DELETE FROM clock_escalations e USING clocks c WHERE e.clock_id = c.id AND c.subject_type = 'referral'
         AND c.rule IN ('referral.response', 'referral.completion')
         AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.id = c.subject_id)`,
    );
    const clocks = await client.query(
      `DELETE FROM clocks c WHERE c.subject_type = 'referral' AND c.rule IN ('referral.response', 'referral.completion')
         AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.id = c.subject_id)`,
    );
    await client.query('COMMIT');
    return { actions: actions.rowCount ?? 0, clocks: clocks.rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
