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

/**
 * Referrals for `count` children (issue 15, benchmark 11): from the county civil affairs bureau of
 * the child's place (else any government body) to a receiving organisation — a fifth of them to
 * `benchReceiverId`, so one inbox holds the weight of a busy city's social work organisation. The
 * log as the workflow would leave it: most completed, some declined or withdrawn, ~15 % open
 * (requested, accepted, in progress) with their running clock (response, else completion) owned by
 * the receiver. Its own random stream (`<seed>:referrals`), so the other generators do not change.
 */
export async function loadReferrals(
  pool: pg.Pool,
  options: {
    seed: string;
    asOf: string;
    count: number;
    benchReceiverId: string;
    onProgress: (n: number) => void;
  },
): Promise<{ referrals: number; actions: number; open: number }> {
  if (options.count === 0) return { referrals: 0, actions: 0, open: 0 };
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
  const referrals = await openCopy(pool, 'referrals', [
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
  ]);
  const actions = await openCopy(pool, 'referral_actions', [
    'referral_id',
    'seq',
    'type',
    'status_after',
    'payload',
    'actor_label',
    'occurred_at',
  ]);
  const clocks = await openCopy(pool, 'clocks', [
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
    'escalation_level',
    'next_escalation_at',
    'created_at',
  ]);
  const asOfDay = dayOf(options.asOf);
  const consent = { guardian: 'given', child: 'given' };
  let made = 0;
  let actionCount = 0;
  let open = 0;
  let batch = { referrals: [] as object[], actions: [] as object[], clocks: [] as object[] };
  const flush = async () => {
    await referrals.write(batch.referrals);
    await actions.write(batch.actions);
    await clocks.write(batch.clocks);
    actionCount += batch.actions.length;
    batch = { referrals: [], actions: [], clocks: [] };
  };
  let failure: unknown;
  try {
    for (const child of children) {
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
        reason: '基准测试转介',
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
          actor_label: '基准测试',
          occurred_at: at(index * 2),
        });
      const last = path.at(-1)![1];
      if (last === 'requested' || last === 'accepted' || last === 'in_progress') {
        open += 1;
        const requested = last === 'requested';
        const startedAt = at(requested ? 0 : 2);
        const dueAt = requested
          ? `${isoOf(dayOf(startedAt.slice(0, 10)) + 2)}T10:00:00.000Z`
          : `${dueOn}T15:59:59.000Z`;
        batch.clocks.push({
          id: rng.uuid(),
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
          escalation_level: 0,
          next_escalation_at: dueAt,
          created_at: startedAt,
        });
      }
      made += 1;
      if (batch.referrals.length >= 5000) {
        await flush();
        options.onProgress(made);
      }
    }
    await flush();
  } catch (error) {
    failure = error;
  } finally {
    for (const target of [referrals, actions, clocks]) await target.end().catch((e: unknown) => (failure ??= e));
  }
  if (failure) throw failure;
  return { referrals: made, actions: actionCount, open };
}
