import dayjs from 'dayjs';

export type Urgency = 'overdue' | 'today' | 'week' | 'later';

/** Overdue, due today, within seven days, or later: how "my work" is grouped. */
export function urgencyOf(dueAt: string | null, overdue: boolean, now = dayjs()): Urgency {
  if (overdue || (dueAt && dayjs(dueAt).isBefore(now))) return 'overdue';
  if (!dueAt) return 'later';
  const due = dayjs(dueAt);
  if (due.isSame(now, 'day')) return 'today';
  if (due.isBefore(now.add(7, 'day'))) return 'week';
  return 'later';
}

export const urgencyOrder: Urgency[] = ['overdue', 'today', 'week', 'later'];
