import type { IndicatorValue } from '../../contract/projects/projects.js';
import {
  type IndicatorKind,
  indicatorKindCodes,
  isIndicatorKind,
  uncomputableIndicators,
} from '../../contract/projects/vocabulary.js';
import { subtreePrefix } from '../../core/places.js';

/* Purchased services, pure: what counts toward a project, indicator values, budget execution. */

/** Where an indicator definition goes wrong: a kind Haven cannot count, or one it does not know. */
export type IndicatorProblem =
  | { index: number; kind: string; problem: 'uncomputable' }
  | { index: number; kind: string; problem: 'unknown' }
  | { index: number; kind: string; problem: 'duplicate' };

export function indicatorProblems(indicators: readonly { kind: string }[]): IndicatorProblem[] {
  const seen = new Set<string>();
  const problems: IndicatorProblem[] = [];
  indicators.forEach(({ kind }, index) => {
    if (Object.hasOwn(uncomputableIndicators, kind)) problems.push({ index, kind, problem: 'uncomputable' });
    else if (!isIndicatorKind(kind)) problems.push({ index, kind, problem: 'unknown' });
    else if (seen.has(kind)) problems.push({ index, kind, problem: 'duplicate' });
    seen.add(kind);
  });
  return problems;
}

/** The project's period as instants in China time: from the first day's start to the day after the last. */
export function windowOf(startsOn: string, endsOn: string): { from: Date; to: Date } {
  const to = new Date(`${endsOn}T00:00:00+08:00`);
  to.setUTCDate(to.getUTCDate() + 1);
  return { from: new Date(`${startsOn}T00:00:00+08:00`), to };
}

export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function inArea(code: string, areaCodes: readonly string[]): boolean {
  return areaCodes.some((area) => code.startsWith(subtreePrefix(area)));
}

export interface RecordedWork {
  referralSteps: {
    childId: string;
    divisionCode: string;
    service: string;
    step: 'accept' | 'complete';
    occurredAt: Date;
  }[];
  visits: { childId: string; visitedOn: string; residenceCode: string }[];
  sessions: { childId: string | null; divisionCode: string; heldOn: string; kind: string; minutes: number }[];
  participations: { childId: string; residenceCode: string; startedAt: Date; endedAt: Date | null }[];
  /** Hours volunteers served at activities the provider held for a project (counted for that project only). */
  volunteerHours?: { projectId: string; heldOn: string; divisionCode: string; hours: number }[];
}

export interface ProjectFrame {
  /** The project counted (volunteer hours are recorded for one project). */
  projectId?: string;
  startsOn: string;
  endsOn: string;
  areaCodes: readonly string[];
}

/**
 * Counts each indicator from the provider's recorded work: only what happened inside the period
 * (up to `asOf` when earlier) and inside the area counts. Training is counted in whole hours.
 */
export function countIndicators(work: RecordedWork, frame: ProjectFrame, asOf?: string): Record<IndicatorKind, number> {
  const last = asOf && asOf < frame.endsOn ? asOf : frame.endsOn;
  const { from, to } = windowOf(frame.startsOn, last);
  const inPeriodDay = (day: string) => day >= frame.startsOn && day <= last;
  const inPeriodAt = (at: Date) => at >= from && at < to;
  const here = (code: string) => inArea(code, frame.areaCodes);
  const steps = work.referralSteps.filter((s) => inPeriodAt(s.occurredAt) && here(s.divisionCode));
  const visits = work.visits.filter((v) => inPeriodDay(v.visitedOn) && here(v.residenceCode));
  const sessions = work.sessions.filter((s) => inPeriodDay(s.heldOn) && here(s.divisionCode));
  const participations = work.participations.filter(
    (p) => p.startedAt < to && (p.endedAt === null || p.endedAt >= from) && here(p.residenceCode),
  );
  const children = new Set<string>([
    ...steps.filter((s) => s.step === 'accept').map((s) => s.childId),
    ...visits.map((v) => v.childId),
    ...sessions.flatMap((s) => (s.childId ? [s.childId] : [])),
    ...participations.map((p) => p.childId),
  ]);
  const minutesOf = (kind: string) => sessions.filter((s) => s.kind === kind).reduce((sum, s) => sum + s.minutes, 0);
  return {
    children_served: children.size,
    referrals_accepted: steps.filter((s) => s.step === 'accept').length,
    referrals_completed: steps.filter((s) => s.step === 'complete').length,
    home_visits: visits.length,
    counselling_sessions: sessions.filter((s) => s.kind === 'counselling').length,
    family_education_sessions: sessions.filter((s) => s.kind === 'family_education').length,
    training_hours: Math.floor(minutesOf('training') / 60),
    volunteer_hours: (work.volunteerHours ?? [])
      .filter((v) => v.projectId === frame.projectId && inPeriodDay(v.heldOn) && here(v.divisionCode))
      .reduce((sum, v) => sum + v.hours, 0),
  };
}

export function percentOf(actual: number, target: number): number | null {
  return target === 0 ? null : Math.floor((actual * 100) / target);
}

export function indicatorValues(
  targets: readonly { kind: string; target: number }[],
  counted: Record<IndicatorKind, number>,
): IndicatorValue[] {
  return indicatorKindCodes.flatMap((kind) => {
    const defined = targets.find((t) => t.kind === kind);
    if (!defined) return [];
    const actual = counted[kind];
    return [{ kind, target: defined.target, actual, percent: percentOf(actual, defined.target) }];
  });
}

/** Mean achievement, each indicator capped at 100 %, whole percent; null without indicators. */
export function achievementOf(values: readonly IndicatorValue[]): number | null {
  const scored = values.filter((v) => v.percent !== null);
  if (scored.length === 0) return null;
  return Math.floor(scored.reduce((sum, v) => sum + Math.min(100, v.percent ?? 0), 0) / scored.length);
}

/** Splits an amount in fen over n parts exactly (the first parts take the remainder): integers only. */
export function splitFen(amount: number, parts: number): number[] {
  const base = Math.floor(amount / parts);
  const remainder = amount - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < remainder ? 1 : 0));
}

export function budgetExecution(
  budgetFen: number,
  payments: readonly { dueOn: string; plannedFen: number; paidFen: number | null }[],
  today: string,
) {
  const plannedToDateFen = payments.filter((p) => p.dueOn <= today).reduce((sum, p) => sum + p.plannedFen, 0);
  const paidFen = payments.reduce((sum, p) => sum + (p.paidFen ?? 0), 0);
  return {
    budgetFen,
    plannedToDateFen,
    paidFen,
    paidPercent: budgetFen === 0 ? 0 : Math.floor((paidFen * 100) / budgetFen),
  };
}
