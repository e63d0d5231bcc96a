import { ageOutMonth, type NotOwed, type Entitlement, type PaymentLine, whyNotOwed } from './compute.js';

/** A change from the previous run, explained: what changed for which benefit, and why. */
export interface PaymentChange {
  applicationId: string;
  childId: string;
  benefitType: string;
  change: 'new' | 'ended' | 'amount_changed';
  previousFen: number | null;
  amountFen: number | null;
  reason: 'first_run' | 'approved' | 'resumed' | 'renewed' | NotOwed | 'exit' | 'standard' | 'top_up' | 'arrears';
  params: Record<string, string | number | string[]>;
}

export interface PaidLine {
  applicationId: string;
  childId: string;
  benefitType: string;
  forMonth: string;
  standardFen: number;
  offsetFen: number;
  amountFen: number;
}

const sum = (lines: readonly { amountFen: number }[]) => lines.reduce((total, l) => total + l.amountFen, 0);

function group<T extends { applicationId: string }>(lines: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const line of lines) {
    const list = map.get(line.applicationId) ?? [];
    list.push(line);
    map.set(line.applicationId, list);
  }
  return map;
}

/** Why a benefit not paid last month is paid now: a suspension over last month lifted, a renewal, else approval. */
function startedBecause(e: Entitlement, previousMonth: string): PaymentChange['reason'] {
  const suspended = e.suspensions.some(
    (s) => s.fromMonth <= previousMonth && (s.resumeMonth === null || previousMonth < s.resumeMonth),
  );
  if (suspended) return 'resumed';
  if (e.birthDate && previousMonth >= ageOutMonth(e.birthDate)) return 'renewed';
  return 'approved';
}

/**
 * Compares this run with the county's previous one, benefit by benefit: new (approved, resumed,
 * renewed, or the first run), ended (the child's exit with its reason, a suspension, age 18, the
 * renewal's end) and amount changed (a new standard, the difference top-up, arrears paid).
 */
export function explainChanges(
  previous: { month: string; lines: readonly PaidLine[] } | null,
  month: string,
  lines: readonly PaymentLine[],
  entitlements: ReadonlyMap<string, Entitlement>,
): PaymentChange[] {
  const changes: PaymentChange[] = [];
  const now = group(lines);
  const before = group(previous?.lines ?? []);
  for (const id of new Set([...now.keys(), ...before.keys()])) {
    const current = now.get(id) ?? [];
    const earlier = before.get(id) ?? [];
    const regular = current.find((l) => l.forMonth === month);
    const last = earlier.find((l) => l.forMonth === previous?.month);
    const arrears = current.filter((l) => l.arrears);
    const any = regular ?? arrears[0] ?? last ?? earlier[0]!;
    const e = entitlements.get(id);
    const base = { applicationId: id, childId: any.childId, benefitType: any.benefitType };
    const arrearsParams: PaymentChange['params'] =
      arrears.length > 0 ? { arrearsMonths: arrears.map((l) => l.forMonth.slice(0, 7)), arrearsFen: sum(arrears) } : {};
    if (regular && !last) {
      const reason = !previous ? 'first_run' : e ? startedBecause(e, previous.month) : 'approved';
      changes.push({
        ...base,
        change: 'new',
        previousFen: earlier.length > 0 ? sum(earlier) : null,
        amountFen: sum(current),
        reason,
        params: { standardFen: regular.standardFen, ...(e ? { payFrom: e.payFrom } : {}), ...arrearsParams },
      });
    } else if (!regular && last) {
      const why = e ? whyNotOwed(e, month) : null;
      const reason = why === 'ended' ? 'exit' : (why ?? 'ended');
      changes.push({
        ...base,
        change: 'ended',
        previousFen: sum(earlier),
        amountFen: current.length > 0 ? sum(current) : null,
        reason,
        params: {
          ...(e?.endedOn && why === 'ended' ? { endedOn: e.endedOn, exitReason: e.endReason ?? 'other' } : {}),
          ...arrearsParams,
        },
      });
    } else if (regular && last) {
      const amounts = { previousFen: sum(earlier), amountFen: sum(current) };
      if (regular.standardFen !== last.standardFen)
        changes.push({
          ...base,
          change: 'amount_changed',
          ...amounts,
          reason: 'standard',
          params: { fromFen: last.standardFen, toFen: regular.standardFen },
        });
      if (regular.offsetFen !== last.offsetFen)
        changes.push({
          ...base,
          change: 'amount_changed',
          ...amounts,
          reason: 'top_up',
          params: { fromFen: last.offsetFen, toFen: regular.offsetFen },
        });
      if (arrears.length > 0)
        changes.push({ ...base, change: 'amount_changed', ...amounts, reason: 'arrears', params: arrearsParams });
    }
  }
  return changes;
}
