/**
 * The open cases benchmark 2 acts on, each with the sequence number its next action must name
 * (`expectedSeq`). A case is lent to one request at a time and comes back when the answer arrives:
 * a success moves its sequence on, anything else takes it out of the pool (its sequence is no
 * longer known). Sending two actions on one case at once, or one with a sequence that an earlier
 * action already used, is answered 409 — a fault of the generator, not a figure of the server.
 */
export interface PooledCase {
  id: string;
  seq: number;
}

export class CasePool {
  private readonly idle: PooledCase[];
  private lent = 0;
  retired = 0;

  constructor(cases: PooledCase[]) {
    this.idle = cases.map((kase) => ({ ...kase }));
  }

  get size(): number {
    return this.idle.length + this.lent;
  }

  /** The case that has waited longest, or undefined when every case has an action in flight. */
  take(): PooledCase | undefined {
    const kase = this.idle.shift();
    if (kase) this.lent += 1;
    return kase;
  }

  giveBack(kase: PooledCase, status: number): void {
    this.lent -= 1;
    if (status >= 200 && status < 300) {
      kase.seq += 1;
      this.idle.push(kase);
    } else this.retired += 1;
  }
}

/** "200 ×1,532, 409 ×3" from status → count. */
export function byStatus(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status} ×${n.toLocaleString('en')}`)
    .join(', ');
}
