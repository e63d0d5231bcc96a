/* What an audit date filter means: a bare date is a day in China Standard Time. Pure. */

const chinaOffset = '+08:00';
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

export interface UpperBound {
  at: Date;
  /** A day's bound is the next midnight, excluded; an instant's bound is itself, included. */
  inclusive: boolean;
}

export function lowerBound(value: string): Date {
  return dayPattern.test(value) ? new Date(`${value}T00:00:00${chinaOffset}`) : new Date(value);
}

export function upperBound(value: string): UpperBound {
  if (!dayPattern.test(value)) return { at: new Date(value), inclusive: true };
  const start = new Date(`${value}T00:00:00${chinaOffset}`);
  return { at: new Date(start.getTime() + 24 * 3600 * 1000), inclusive: false };
}

/** True when no instant can lie between `from` and `to`. */
export function rangeIsEmpty(from: string, to: string): boolean {
  const low = lowerBound(from).getTime();
  const high = upperBound(to);
  return high.inclusive ? high.at.getTime() < low : high.at.getTime() <= low;
}
