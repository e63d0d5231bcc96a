import type { CategoryCode, RiskGrade } from '../../contract/registry/vocabulary.js';
import type { VisitRules } from './rule-sections.js';

/** What the schedule looks at: the child's grade, its confirmed categories and its age on a day. */
export interface ScheduleFacts {
  riskGrade: RiskGrade | null;
  categories: readonly CategoryCode[];
  birthDate: string | null;
}

/** Whole years between a birth date and a day (YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Why a routine visit is due, and every how many days: the shortest interval of the rules that apply. */
export function routineInterval(
  facts: ScheduleFacts,
  rules: Pick<VisitRules, 'everyDaysByGrade' | 'everyDaysByCategory' | 'categoryUntilAge'>,
  day: string,
): { days: number; because: string } | null {
  const candidates: { days: number; because: string }[] = [];
  if (facts.riskGrade)
    candidates.push({ days: rules.everyDaysByGrade[facts.riskGrade], because: `grade:${facts.riskGrade}` });
  for (const category of facts.categories) {
    const every = rules.everyDaysByCategory[category];
    if (every === undefined) continue;
    const until = rules.categoryUntilAge[category];
    if (until !== undefined && facts.birthDate && ageOn(facts.birthDate, day) >= until) continue;
    candidates.push({ days: every, because: `category:${category}` });
  }
  return candidates.sort((a, b) => a.days - b.days)[0] ?? null;
}

/** The day `n` days after `day` (YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The end of a day in Beijing time: a visit due on a day may be made until that day ends. */
export function endOfDay(day: string): Date {
  return new Date(`${day}T23:59:59+08:00`);
}

/** Which visit clocks a visit of this kind meets: every visit meets the routine one, a full one the screening too. */
export function clocksMetBy(kind: string): string[] {
  return kind === 'first' || kind === 'screening'
    ? ['visit.first', 'visit.routine', 'visit.screening']
    : ['visit.first', 'visit.routine'];
}
