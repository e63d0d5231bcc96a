import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/support/database.js';
import { createDemoDatabase } from '../../../test/support/demo-database.js';
import { systemActor } from '../../platform/access/actor.js';
import { readMeeting } from './view.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createDemoDatabase();
}, 900_000);
afterAll(async () => database?.drop());

describe('the joint-conference demo, built by the real use cases', () => {
  it('one meeting held with an agenda built from escalations, two action items (one overdue and escalated), minutes approved', async () => {
    const [row] = await database.db.selectFrom('conference_meetings').select('id').execute();
    const meeting = await readMeeting(database.db, systemActor('test'), row!.id);
    expect(meeting.status).toBe('minutes_approved');
    expect(meeting.agenda.filter((a) => a.source === 'escalated_clock').length).toBeGreaterThan(0);
    expect(meeting.agenda.some((a) => a.source === 'matrix_gap' && a.title.includes('沙市区'))).toBe(true);
    expect(meeting.attendance.filter((a) => a.attendance !== null)).toHaveLength(4);
    expect(meeting.actionItems).toHaveLength(2);
    const [overdue, later] = meeting.actionItems;
    expect(overdue).toMatchObject({ status: 'open', overdue: true, clock: { state: 'running' } });
    expect(overdue!.clock!.escalationLevel).toBeGreaterThan(0);
    expect(later).toMatchObject({ status: 'open', overdue: false });
  });
});
