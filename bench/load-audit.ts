import type pg from 'pg';
import { auditHmac, canonicalJson, genesisHash } from '../src/platform/audit/hash-chain.js';
import { derivedKey } from '../src/platform/secrets/installation-key.js';
import { createRng } from '../src/demo/synthetic/prng.js';
import { openCopy } from './copy.js';

export interface AuditActor {
  userId: string;
  orgId: string;
  label: string;
}

const actions: readonly [string, number][] = [
  ['children.read', 55],
  ['children.search', 15],
  ['cases.act', 12],
  ['children.update', 8],
  ['auth.login', 7],
  ['children.read_unmasked', 3],
];

/**
 * Audit entries continuing the hash chain exactly as appendAudit writes it, so `haven audit verify`
 * passes over the benchmark's million entries too. Ids are assigned in COPY order = chain order.
 */
export async function loadAudit(
  pool: pg.Pool,
  options: {
    seed: string;
    count: number;
    asOf: string;
    actors: readonly AuditActor[];
    childIds: readonly string[];
    onProgress: (n: number) => void;
  },
): Promise<number> {
  const rng = createRng(`${options.seed}:audit`);
  const last = await pool.query<{ hash: string; occurred_at: Date }>(
    `SELECT hash, occurred_at FROM audit_log ORDER BY id DESC LIMIT 1`,
  );
  let prevHash = last.rows[0]?.hash ?? genesisHash;
  // The keyed rule `audit_append` uses since migration 0022, with the installation key in use.
  const key = derivedKey('audit-chain');
  // Entries spread over the year before asOf, in order; never before the chain's last entry.
  const end = Date.parse(`${options.asOf}T12:00:00Z`);
  const start = Math.max(end - 365 * 86_400_000, (last.rows[0]?.occurred_at.getTime() ?? 0) + 1);
  const step = Math.max(1, Math.floor((end - start) / Math.max(1, options.count)));
  const copy = await openCopy(pool, 'audit_log', [
    'occurred_at',
    'actor_user_id',
    'actor_org_id',
    'actor_label',
    'action',
    'entity_type',
    'entity_id',
    'child_id',
    'outcome',
    'ip',
    'request_id',
    'details',
    'prev_hash',
    'hash',
  ]);
  try {
    let rows: object[] = [];
    for (let i = 0; i < options.count; i += 1) {
      const actor = rng.pick(options.actors);
      const action = rng.weighted(actions);
      const child = action.startsWith('children.') && action !== 'children.search' ? rng.pick(options.childIds) : null;
      const details = JSON.parse(
        canonicalJson(
          action === 'children.search'
            ? { q: rng.pick(['张', 'zwm', 'lixy', '4210', '王梓']), results: rng.int(0, 40) }
            : action === 'cases.act'
              ? { type: rng.pick(['assessment', 'case_conference', 'start_monitoring']) }
              : {},
        ),
      ) as Record<string, unknown>;
      const fields = {
        occurredAt: new Date(start + i * step).toISOString(),
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        actorLabel: actor.label,
        action,
        entityType: child ? 'child' : action === 'cases.act' ? 'case' : null,
        entityId: child,
        childId: child,
        outcome: rng.chance(0.01) ? 'denied' : 'ok',
        ip: `10.42.${rng.int(0, 255)}.${rng.int(1, 254)}`,
        requestId: `bench-${i}`,
        details,
      };
      const hash = auditHmac(key, prevHash, fields);
      rows.push({
        occurred_at: fields.occurredAt,
        actor_user_id: fields.actorUserId,
        actor_org_id: fields.actorOrgId,
        actor_label: fields.actorLabel,
        action,
        entity_type: fields.entityType,
        entity_id: fields.entityId,
        child_id: fields.childId,
        outcome: fields.outcome,
        ip: fields.ip,
        request_id: fields.requestId,
        details,
        prev_hash: prevHash,
        hash,
      });
      prevHash = hash;
      if (rows.length >= 5000) {
        await copy.write(rows);
        rows = [];
        options.onProgress(i + 1);
      }
    }
    await copy.write(rows);
  } finally {
    await copy.end();
  }
  return copy.rows;
}
