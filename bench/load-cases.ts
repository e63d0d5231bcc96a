import type pg from 'pg';
import { addDays, dayOf, isoOf } from '../src/demo/synthetic/dates.js';
import { createRng, type Rng } from '../src/demo/synthetic/prng.js';
import { formatCaseNumber } from '../src/features/cases/rules.js';
import { openCopy } from './copy.js';
import type { CaseSubject } from './load-registry.js';
import { lastSweepOf } from './sweep-run.js';

/* Cases as the workflow leaves them: an action log in order, the case's seq, and its clocks. */

const path: readonly [string, string][] = [
  ['open', 'reported'],
  ['acknowledge', 'acknowledged'],
  ['emergency_response', 'emergency_response'],
  ['assessment', 'assessment'],
  ['assistance_plan', 'assistance'],
  ['case_conference', 'assistance'],
  ['start_monitoring', 'monitoring'],
  ['request_closure', 'closure_requested'],
  ['approve_closure', 'closed'],
];
const runningRule: Record<string, string> = {
  reported: 'case.assessment',
  acknowledged: 'case.assessment',
  emergency_response: 'report.emergency_response',
  assessment: 'case.plan',
  assistance: 'case.review',
  monitoring: 'case.review',
  closure_requested: 'case.closure_approval',
};
const extraRules = ['case.review', 'placement.rescue_station_stay', 'case.plan'];
const escalationHours = [0, 2, 24, 72, 168];
const grades = ['low', 'medium_low', 'medium_high', 'high'];

function payloadOf(rng: Rng, type: string): Record<string, unknown> {
  switch (type) {
    case 'assessment':
      return {
        grade: rng.pick(grades),
        scores: { safety: rng.int(0, 4), health: rng.int(0, 4), guardianship: rng.int(0, 4), education: rng.int(0, 4) },
      };
    case 'assistance_plan':
      return { goals: [{ goal: '落实监护责任，每月入户探访', services: ['入户探访'], dueOn: '' }] };
    case 'case_conference':
      return { participants: ['乡镇民政办', '村委会', '学校'], decisions: ['继续跟进'] };
    case 'request_closure':
      return { reason: '风险已消除', outcome: '监护落实，儿童状况稳定' };
    default:
      return { note: '' };
  }
}

/**
 * Clocks as the escalation sweep left them when it last ran (`lastSweepOf`), rather than never swept at all.
 */
function escalatedBy(due: string, lastSweepMs: number): { level: number; next: string | null } {
  const dueMs = Date.parse(due);
  let level = 0;
  while (level < escalationHours.length && dueMs + escalationHours[level]! * 3_600_000 <= lastSweepMs) level += 1;
  return {
    level,
    next: level < escalationHours.length ? new Date(dueMs + escalationHours[level]! * 3_600_000).toISOString() : null,
  };
}

export interface CaseLoad {
  cases: number;
  actions: number;
  clocks: number;
  openClocks: number;
}

export async function loadCases(
  pool: pg.Pool,
  options: {
    seed: string;
    asOf: string;
    subjects: readonly CaseSubject[];
    openClocks: number;
    leadOrgFor: (divisionCode: string) => string;
    actorLabel: string;
    onProgress: (cases: number) => void;
  },
): Promise<CaseLoad> {
  const rng = createRng(`${options.seed}:case-log`);
  const cases = await openCopy(pool, 'cases', [
    'id',
    'case_no',
    'child_id',
    'division_code',
    'lead_org_id',
    'seq',
    'opened_at',
    'created_at',
  ]);
  const organisations = await openCopy(pool, 'case_organisations', ['case_id', 'organisation_id', 'role', 'added_at']);
  const actions = await openCopy(pool, 'case_actions', [
    'case_id',
    'seq',
    'type',
    'status_after',
    'payload',
    'actor_label',
    'occurred_at',
    'recorded_at',
  ]);
  const clocks = await openCopy(pool, 'clocks', [
    'id',
    'rule',
    'owner_org_id',
    'subject_type',
    'subject_id',
    'case_id',
    'child_id',
    'division_code',
    'started_at',
    'due_at',
    'state',
    'stopped_at',
    'escalation_hours',
    'created_at',
  ]);
  // The escalation state of the open clocks, a narrow row of their own (migration 0190).
  const escalations = await openCopy(pool, 'clock_escalations', ['clock_id', 'escalation_level', 'next_escalation_at']);
  const asOfDay = dayOf(options.asOf);
  const lastSweep = lastSweepOf(options.asOf).getTime();
  const openShare = 0.85;
  const clocksPerOpenCase = Math.max(
    1,
    Math.round(options.openClocks / Math.max(1, options.subjects.length * openShare)),
  );
  let openClocks = 0;
  const batch = {
    cases: [] as object[],
    organisations: [] as object[],
    actions: [] as object[],
    clocks: [] as object[],
    escalations: [] as object[],
  };
  const flush = async () => {
    await cases.write(batch.cases);
    await organisations.write(batch.organisations);
    await actions.write(batch.actions);
    await clocks.write(batch.clocks);
    await escalations.write(batch.escalations);
    batch.cases = [];
    batch.organisations = [];
    batch.actions = [];
    batch.clocks = [];
    batch.escalations = [];
  };
  try {
    let serial = 5_000_000;
    for (const [index, subject] of options.subjects.entries()) {
      const id = rng.uuid();
      const open = rng.chance(openShare);
      const steps = open ? rng.int(1, path.length - 1) : path.length;
      const openedDay = Math.max(dayOf(subject.registeredAt), asOfDay - rng.int(5, 700));
      const lead = options.leadOrgFor(subject.divisionCode);
      let day = openedDay;
      const taken = path
        .slice(0, steps)
        .filter(([type], i) => i === 0 || type !== 'emergency_response' || rng.chance(0.3));
      for (const [seq, [type, status]] of taken.entries()) {
        const at = `${isoOf(Math.min(day, asOfDay))}T0${rng.int(1, 9)}:${String(rng.int(10, 59))}:00.000Z`;
        batch.actions.push({
          case_id: id,
          seq: seq + 1,
          type,
          status_after: status,
          payload: payloadOf(rng, type),
          actor_label: options.actorLabel,
          occurred_at: at,
          recorded_at: at,
        });
        day += rng.int(0, Math.max(1, Math.floor((asOfDay - openedDay) / taken.length)));
      }
      const opened = `${isoOf(openedDay)}T02:00:00.000Z`;
      serial += 1;
      batch.cases.push({
        id,
        case_no: formatCaseNumber(Number(isoOf(openedDay).slice(0, 4)), serial),
        child_id: subject.childId,
        division_code: subject.divisionCode,
        lead_org_id: lead,
        seq: taken.length,
        opened_at: opened,
        created_at: opened,
      });
      batch.organisations.push({ case_id: id, organisation_id: lead, role: 'lead', added_at: opened });
      const status = taken.at(-1)![1];
      // An earlier deadline of this case, met in time.
      batch.clocks.push({
        id: rng.uuid(),
        rule: 'case.assessment',
        owner_org_id: lead,
        subject_type: 'case',
        subject_id: id,
        case_id: id,
        child_id: subject.childId,
        division_code: subject.divisionCode,
        started_at: opened,
        due_at: `${addDays(isoOf(openedDay), 10)}T09:00:00.000Z`,
        state: 'met',
        stopped_at: `${addDays(isoOf(openedDay), rng.int(1, 9))}T09:00:00.000Z`,
        escalation_hours: escalationHours,
        created_at: opened,
      });
      if (status !== 'closed') {
        for (let k = 0; k < clocksPerOpenCase && openClocks < options.openClocks; k += 1) {
          const rule = k === 0 ? runningRule[status]! : extraRules[k % extraRules.length]!;
          const start = Math.min(asOfDay, day);
          const due = `${isoOf(start + rng.int(-20, 60))}T09:00:00.000Z`;
          const escalation = escalatedBy(due, lastSweep);
          const clockId = rng.uuid();
          batch.clocks.push({
            id: clockId,
            rule,
            owner_org_id: lead,
            subject_type: 'case',
            subject_id: id,
            case_id: id,
            child_id: subject.childId,
            division_code: subject.divisionCode,
            started_at: `${isoOf(start)}T09:00:00.000Z`,
            due_at: due,
            state: 'running',
            stopped_at: null,
            escalation_hours: escalationHours,
            created_at: `${isoOf(start)}T09:00:00.000Z`,
          });
          batch.escalations.push({
            clock_id: clockId,
            escalation_level: escalation.level,
            next_escalation_at: escalation.next,
          });
          openClocks += 1;
        }
      }
      if (batch.cases.length >= 2000) {
        await flush();
        options.onProgress(index + 1);
      }
    }
    await flush();
  } finally {
    for (const copy of [cases, organisations, actions, clocks, escalations]) await copy.end();
  }
  return { cases: cases.rows, actions: actions.rows, clocks: clocks.rows, openClocks };
}
