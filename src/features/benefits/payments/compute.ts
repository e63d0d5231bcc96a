/*
 * The month's payments as a pure computation over what the database holds: which months each
 * approved benefit is owed, which of them were already paid, the standard in force for each month
 * and the difference top-up between benefits of the same group. No I/O, so the run and the
 * benchmark share it.
 */

/** A benefit as the run sees it: approved (payFrom), possibly ended, with its child's birth date. */
export interface Entitlement {
  applicationId: string;
  childId: string;
  benefitType: string;
  /** The township whose rule set applies (the application's division). */
  divisionCode: string;
  payFrom: string;
  /** The day the benefit ended (the child's exit), or null. */
  endedOn: string | null;
  /** The national exit reason the benefit ended with, when it did. */
  endReason: string | null;
  birthDate: string | null;
  suspensions: readonly { fromMonth: string; resumeMonth: string | null; payArrears: boolean | null }[];
  renewal: { status: string; renewedUntil: string | null } | null;
}

export interface PaymentLine {
  applicationId: string;
  childId: string;
  benefitType: string;
  forMonth: string;
  standardFen: number;
  offsetFen: number;
  amountFen: number;
  arrears: boolean;
  rulesVersion: string;
}

export interface StandardLookup {
  /** The monthly standard in fen for a benefit in a township on a month's first day, or null when none is in force. */
  standard(divisionCode: string, benefitType: string, month: string): number | null;
  rulesVersion(divisionCode: string, month: string): string;
  /** The group of benefits paid by difference top-up that this benefit belongs to, or null. */
  topUpGroup(divisionCode: string, benefitType: string, month: string): number | null;
}

export class MissingStandard extends Error {
  constructor(
    readonly benefitType: string,
    readonly divisionCode: string,
    readonly month: string,
  ) {
    super(`no standard for ${benefitType} in ${divisionCode} on ${month}`);
  }
}

/** 'YYYY-MM-01' of the month after. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The first month no longer paid for age: the month after the 18th birthday. */
export function ageOutMonth(birthDate: string): string {
  return nextMonth(monthOf(`${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}`));
}

/** Why a month is not owed (for explaining changes), or null when it is owed. */
export type NotOwed = 'not_yet' | 'ended' | 'suspended' | 'aged_out' | 'renewal_ended';

export function whyNotOwed(e: Entitlement, month: string): NotOwed | null {
  if (month < e.payFrom) return 'not_yet';
  if (e.endedOn !== null && e.endedOn < month) return 'ended';
  for (const s of e.suspensions) {
    const withheld = s.fromMonth <= month && (s.resumeMonth === null || month < s.resumeMonth);
    if (withheld && s.payArrears !== true) return 'suspended';
  }
  if (e.birthDate && month >= ageOutMonth(e.birthDate)) {
    const renewed = e.renewal?.renewedUntil;
    if (!renewed || !['renewed', 'renewal_ended'].includes(e.renewal!.status)) return 'aged_out';
    if (month > renewed) return 'renewal_ended';
  }
  return null;
}

/**
 * The lines a run for `month` pays: every owed month from the later of payFrom and the county's
 * first run up to `month` that is not paid yet (earlier ones are arrears). Within a child's month,
 * benefits of one top-up group are paid from the lowest standard up, each only the difference
 * above the highest standard below it, so the child receives the highest standard of the group.
 */
export function computeLines(
  entitlements: readonly Entitlement[],
  month: string,
  firstMonth: string,
  paid: ReadonlySet<string>,
  lookup: StandardLookup,
): PaymentLine[] {
  const byChildMonth = new Map<string, { e: Entitlement; forMonth: string; standard: number }[]>();
  for (const e of entitlements) {
    let m = e.payFrom > firstMonth ? monthOf(e.payFrom) : firstMonth;
    for (; m <= month; m = nextMonth(m)) {
      if (whyNotOwed(e, m) !== null) continue;
      const standard = lookup.standard(e.divisionCode, e.benefitType, m);
      if (standard === null) throw new MissingStandard(e.benefitType, e.divisionCode, m);
      const key = `${e.childId}|${m}`;
      const list = byChildMonth.get(key) ?? [];
      list.push({ e, forMonth: m, standard });
      byChildMonth.set(key, list);
    }
  }
  const lines: PaymentLine[] = [];
  for (const owed of byChildMonth.values()) {
    const highestBelow = new Map<number, number>();
    const ordered = [...owed].sort((a, b) => a.standard - b.standard || a.e.benefitType.localeCompare(b.e.benefitType));
    for (const { e, forMonth, standard } of ordered) {
      const group = lookup.topUpGroup(e.divisionCode, e.benefitType, forMonth);
      const below = group === null ? 0 : (highestBelow.get(group) ?? 0);
      if (group !== null) highestBelow.set(group, Math.max(below, standard));
      if (paid.has(`${e.applicationId}|${forMonth}`)) continue;
      const amountFen = Math.max(0, standard - below);
      lines.push({
        applicationId: e.applicationId,
        childId: e.childId,
        benefitType: e.benefitType,
        forMonth,
        standardFen: standard,
        offsetFen: standard - amountFen,
        amountFen,
        arrears: forMonth < month,
        rulesVersion: lookup.rulesVersion(e.divisionCode, forMonth),
      });
    }
  }
  return lines;
}
