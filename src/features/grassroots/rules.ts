import { levelOf } from '../../core/places.js';
import type { StaffPost } from '../../contract/grassroots/roster.js';

/** The level of place a post covers: a director covers villages, a supervisor a township. */
export function placeFitsPost(post: StaffPost, divisionCode: string): boolean {
  return levelOf(divisionCode) === (post === 'village_director' ? 'village' : 'township');
}

/** The first day of the month after `day` (YYYY-MM-DD): visits due before it are due "this month". */
export function nextMonthStart(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** Postings to end and to open when a person's places change: codes no longer named end, new ones start. */
export function postingChanges(open: readonly string[], wanted: readonly string[]): { end: string[]; start: string[] } {
  return { end: open.filter((c) => !wanted.includes(c)), start: wanted.filter((c) => !open.includes(c)) };
}

/** `day` (YYYY-MM-DD) plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}
