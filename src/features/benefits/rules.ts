import { defineStatusTable } from '../../core/workflow/rules.js';
import type { CategoryCode } from '../../contract/registry/vocabulary.js';
import {
  type ApplicationAction,
  type ApplicationStatus,
  applicationStatuses,
  type NationalBenefitType,
  type NationalCategoryCode,
  nationalCategoryOfBenefit,
} from '../../contract/benefits/vocabulary.js';
import type { BenefitRules } from './rule-sections.js';

/**
 * Received by the township (on the date staff enter) → accepted and verified there (data matching)
 * → decided by the county: approved (paid from the next month) or refused with written reasons.
 * Withdrawn while open; ended by the system when the child leaves the registry.
 */
export const applicationStatusTable = defineStatusTable<ApplicationStatus, ApplicationAction>({
  statuses: applicationStatuses,
  initial: 'received',
  actions: {
    receive: { from: 'start', to: 'received', permission: 'benefits.apply', system: true },
    accept: { from: ['received'], to: 'verifying', permission: 'benefits.verify' },
    verify: { from: ['received', 'verifying'], to: 'verified', permission: 'benefits.verify' },
    approve: { from: ['verified'], to: 'approved', permission: 'benefits.decide' },
    refuse: { from: ['verified'], to: 'refused', permission: 'benefits.decide' },
    withdraw: { from: ['received', 'verifying', 'verified'], to: 'withdrawn', permission: 'benefits.apply' },
    end: { from: ['approved'], to: 'ended', permission: 'benefits.decide', system: true },
  },
});

/** The registry category a national benefit establishes (HIV has no category of its own). */
const nationalCategory: Record<NationalBenefitType, CategoryCode | null> = {
  '201': 'orphan',
  '202': 'orphan',
  '205': 'orphan',
  '120': 'de_facto_unsupported',
  '121': 'de_facto_unsupported',
  '300': null,
};

export function isNationalType(code: string): code is NationalBenefitType {
  return code in nationalCategory;
}

/** The category of a benefit type in force, or undefined when the place does not know the type. */
export function categoryOfType(rules: BenefitRules, code: string): CategoryCode | null | undefined {
  if (isNationalType(code)) return nationalCategory[code];
  const local = rules.localTypes.find((t) => t.code === code);
  return local ? local.category : undefined;
}

/** The monthly standard (fen) in force on a date, or null when the rule set has none for it. */
export function standardOn(rules: BenefitRules, code: string, date: string): number | null {
  const entries = (rules.standards[code] ?? [])
    .filter((s) => s.from <= date)
    .sort((a, b) => a.from.localeCompare(b.from));
  return entries.at(-1)?.monthlyFen ?? null;
}

/** Payment starts on the first day of the month after the decision. */
export function firstOfNextMonth(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The national category code a benefit is exported under (local ones by their registry category). */
export function nationalCategoryOf(rules: BenefitRules, code: string): NationalCategoryCode {
  if (isNationalType(code)) return nationalCategoryOfBenefit[code];
  const category = categoryOfType(rules, code);
  if (category === 'left_behind') return '8';
  if (category === 'poverty' || category === 'disability') return '9';
  return '7';
}
