import type { Kysely } from 'kysely';
import type {
  ActionItemStepInput,
  ActionItemView,
  AddAgendaItemInput,
  AttendanceInput,
  CreateActionItemInput,
  CreateMeetingInput,
  MeetingStepInput,
  MeetingView,
  UpdateMeetingInput,
} from '../../contract/joint-conference/views.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { actOnActionItemIn, actionItemViews, createActionItemIn } from './action-items.js';
import {
  addAgendaItemIn,
  buildAgendaIn,
  createMeetingIn,
  recordAttendanceIn,
  stepMeetingIn,
  updateMeetingIn,
} from './meetings.js';
import { readMeeting } from './view.js';

/*
 * The joint conference's use cases. Those other code may run inside its own unit of work (the
 * demo, a future feature) are the `…In(uow, …)` functions; the rest open one unit of work each and
 * answer the meeting (or the item) as the caller now reads it.
 */

export { actOnActionItemIn, createActionItemIn } from './action-items.js';
export { agendaProposalsIn } from './agenda.js';
export {
  addAgendaItemIn,
  buildAgendaIn,
  createMeetingIn,
  recordAttendanceIn,
  stepMeetingIn,
  updateMeetingIn,
} from './meetings.js';
export { addMemberIn, conferenceMembersIn } from './members.js';

type Db = Kysely<Database>;
const keyed = (scope: string, key: string | undefined, request: unknown) =>
  key ? { key: `${scope}:${key}`, request } : undefined;

export async function createMeeting(db: Db, actor: Actor, input: CreateMeetingInput, key?: string) {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'conference.meeting_create',
    (uow) => createMeetingIn(uow, input, new Date()),
    keyed('conference-meeting', key, input),
  );
  return { view: await readMeeting(db, actor, result), replayed };
}

type MeetingChange =
  | { kind: 'update'; input: UpdateMeetingInput }
  | { kind: 'step'; input: MeetingStepInput }
  | { kind: 'build_agenda'; expectedVersion: number }
  | { kind: 'add_agenda_item'; input: AddAgendaItemInput }
  | { kind: 'attendance'; input: AttendanceInput };

/** One change to a meeting by its convener, in one unit of work; answers the meeting after it. */
export async function changeMeeting(
  db: Db,
  actor: Actor,
  id: string,
  change: MeetingChange,
  key?: string,
): Promise<{ view: MeetingView; replayed: boolean }> {
  const { replayed } = await unitOfWork(
    db,
    actor,
    `conference.meeting_${change.kind}`,
    async (uow) => {
      const at = new Date();
      switch (change.kind) {
        case 'update':
          return updateMeetingIn(uow, id, change.input, at);
        case 'step':
          return stepMeetingIn(uow, id, change.input, at);
        case 'build_agenda':
          return buildAgendaIn(uow, id, change.expectedVersion, at);
        case 'add_agenda_item':
          return addAgendaItemIn(uow, id, change.input, at);
        case 'attendance':
          return recordAttendanceIn(uow, id, change.input, at);
      }
    },
    keyed(`conference-${id}`, key, change),
  );
  return { view: await readMeeting(db, actor, id), replayed };
}

export async function createActionItem(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: CreateActionItemInput,
  key?: string,
): Promise<{ view: ActionItemView; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'conference.action_item_create',
    (uow) => createActionItemIn(uow, meetingId, input, new Date()),
    keyed(`conference-item-${meetingId}`, key, input),
  );
  return { view: await actionItemOf(db, actor, meetingId, result), replayed };
}

export async function actOnActionItem(
  db: Db,
  actor: Actor,
  id: string,
  input: ActionItemStepInput,
  key?: string,
): Promise<{ view: ActionItemView; replayed: boolean }> {
  const { replayed } = await unitOfWork(
    db,
    actor,
    `conference.action_item_${input.step}`,
    (uow) => actOnActionItemIn(uow, id, input, new Date()),
    keyed(`conference-item-act-${id}`, key, input),
  );
  const [meeting] = await db.selectFrom('conference_action_items').select('meeting_id').where('id', '=', id).execute();
  return { view: await actionItemOf(db, actor, meeting!.meeting_id, id), replayed };
}

async function actionItemOf(db: Db, actor: Actor, meetingId: string, id: string): Promise<ActionItemView> {
  const items = await actionItemViews(db, actor, { meetingId }, new Date());
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`action item ${id} not readable after its change`);
  return item;
}
export { conferenceOutcomesBetween } from './insight-reads.js';
