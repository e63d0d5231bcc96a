import { levelOf } from '../../contract/divisions/codes.js';
import {
  type ActionItemStatus,
  type ActionItemStep,
  type ConferenceLevel,
  type MeetingStatus,
  type MeetingStep,
  meetingSteps,
} from '../../contract/joint-conference/vocabulary.js';

/* The joint conference's decisions, pure: which places convene one, which steps a status allows. */

/** A conference meets for a city or a county (district, county-level city); other codes have none. */
export function conferenceLevelOf(divisionCode: string): ConferenceLevel | null {
  const level = levelOf(divisionCode);
  return level === 'city' || level === 'county' ? level : null;
}

/** The code prefix of the place a conference covers: 421000000000 → 4210, 421002000000 → 421002. */
export function conferencePrefix(divisionCode: string, level: ConferenceLevel): string {
  return divisionCode.slice(0, level === 'city' ? 4 : 6);
}

export function meetingStepsAllowed(status: MeetingStatus, mayManage: boolean): MeetingStep[] {
  if (!mayManage) return [];
  return (Object.keys(meetingSteps) as MeetingStep[]).filter((step) => meetingSteps[step].from === status);
}

/** The agenda, attendance and decisions change until the minutes are approved. */
export function meetingOpen(status: MeetingStatus): boolean {
  return status !== 'minutes_approved';
}

/** The owner department reports an open item done; the convener may cancel it. */
export function actionItemStepsAllowed(
  item: { status: ActionItemStatus; ownerOrgId: string },
  asker: { organisationId: string | null; mayAct: boolean; isConvener: boolean },
): ActionItemStep[] {
  if (item.status !== 'open') return [];
  const steps: ActionItemStep[] = [];
  if (asker.mayAct && asker.organisationId === item.ownerOrgId) steps.push('done');
  if (asker.isConvener) steps.push('cancel');
  return steps;
}

/** Whole days from a due moment to another (0 when not late). */
export function daysLate(dueAt: Date, asOf: Date): number {
  return Math.max(0, Math.floor((asOf.getTime() - dueAt.getTime()) / 86_400_000));
}

/** The end of a due day, Beijing time: an item due on a day is late only the day after. */
export function endOfDay(day: string): Date {
  return new Date(`${day}T23:59:59+08:00`);
}
