import { z } from 'zod';
import {
  actionItemListSchema,
  actionItemStepSchema,
  actionItemViewSchema,
  addAgendaItemSchema,
  addMemberSchema,
  attendanceInputSchema,
  buildAgendaSchema,
  createActionItemSchema,
  createMeetingSchema,
  meetingListQuerySchema,
  meetingListSchema,
  meetingStepSchema,
  meetingViewSchema,
  membersParamsSchema,
  membersSchema,
  proposalsSchema,
  updateMeetingSchema,
} from '../../contract/joint-conference/views.js';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { addMember, readMembers, removeMember } from './members.js';
import { minutesPdf, minutesWorkbook } from './minutes.js';
import { actOnActionItem, changeMeeting, createActionItem, createMeeting } from './service.js';
import { listMeetings, myActionItems, readMeeting, readProposals } from './view.js';

const tags = ['joint-conference'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const idParams = z.object({ id: z.uuid() });
const reader = { anyPermission: ['conference.act', 'conference.manage'] } as const;
const manager = { permission: 'conference.manage' } as const;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerConferenceRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/conference/members/:division',
    {
      config: { access: reader },
      schema: {
        tags,
        summary:
          "A city's or county's member departments: its lead agency, the government departments there, those added",
        params: membersParamsSchema,
        response: { 200: membersSchema },
      },
    },
    async (request) => readMembers(db, request.actor, request.params.division),
  );

  app.post(
    '/api/conference/members/:division',
    {
      config: { access: manager },
      schema: {
        tags,
        summary: 'The lead agency adds a member department',
        params: membersParamsSchema,
        body: addMemberSchema,
        response: { 200: membersSchema },
      },
    },
    async (request) => addMember(db, request.actor, request.params.division, request.body.organisationId),
  );

  app.delete(
    '/api/conference/members/:division/:organisationId',
    {
      config: { access: manager },
      schema: {
        tags,
        summary: 'The lead agency removes a department it added',
        params: membersParamsSchema.extend({ organisationId: z.uuid() }),
        response: { 200: membersSchema },
      },
    },
    async (request) => removeMember(db, request.actor, request.params.division, request.params.organisationId),
  );

  app.get(
    '/api/conference/meetings',
    {
      config: { access: reader },
      schema: {
        tags,
        summary: 'Joint-conference meetings I may see (my area, my conference, my action items), newest first',
        querystring: meetingListQuerySchema,
        response: { 200: meetingListSchema },
      },
    },
    async (request) => listMeetings(db, request.actor, request.query),
  );

  app.post(
    '/api/conference/meetings',
    {
      config: { access: manager },
      schema: {
        tags,
        summary: 'The lead agency plans a meeting of its conference (send an Idempotency-Key)',
        headers: idempotencyHeader,
        body: createMeetingSchema,
        response: { 201: meetingViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await createMeeting(
        db,
        request.actor,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/conference/meetings/:id',
    {
      config: { access: reader },
      schema: {
        tags,
        summary: 'A meeting: agenda, attendance, decisions and the steps I may take',
        params: idParams,
        response: { 200: meetingViewSchema },
      },
    },
    async (request) => readMeeting(db, request.actor, request.params.id),
  );

  app.patch(
    '/api/conference/meetings/:id',
    {
      config: { access: manager },
      schema: {
        tags,
        summary: 'Edit the meeting (title, date, place, chair, minutes text); expectedVersion = the version you saw',
        params: idParams,
        body: updateMeetingSchema,
        response: { 200: meetingViewSchema },
      },
    },
    async (request) =>
      (await changeMeeting(db, request.actor, request.params.id, { kind: 'update', input: request.body })).view,
  );

  app.post(
    '/api/conference/meetings/:id/steps',
    {
      config: { access: manager },
      schema: {
        tags,
        summary: 'Hold the meeting, then approve its minutes (planned → held → minutes approved)',
        params: idParams,
        body: meetingStepSchema,
        response: { 200: meetingViewSchema },
      },
    },
    async (request) =>
      (await changeMeeting(db, request.actor, request.params.id, { kind: 'step', input: request.body })).view,
  );

  app.get(
    '/api/conference/meetings/:id/proposals',
    {
      config: { access: reader },
      schema: {
        tags,
        summary:
          'What escalated to the conference and is not yet on the agenda: last-level overdue clocks, blocked referrals, overflows, matrix gaps',
        params: idParams,
        response: { 200: proposalsSchema },
      },
    },
    async (request) => readProposals(db, request.actor, request.params.id),
  );

  app.post(
    '/api/conference/meetings/:id/agenda/build',
    {
      config: { access: manager },
      schema: {
        tags,
        summary: 'Add every proposal to the agenda (building again adds only what is new)',
        params: idParams,
        body: buildAgendaSchema,
        response: { 200: meetingViewSchema },
      },
    },
    async (request) =>
      (
        await changeMeeting(db, request.actor, request.params.id, {
          kind: 'build_agenda',
          expectedVersion: request.body.expectedVersion,
        })
      ).view,
  );

  app.post(
    '/api/conference/meetings/:id/agenda',
    {
      config: { access: manager },
      schema: {
        tags,
        summary: 'Add a free agenda item (send an Idempotency-Key)',
        headers: idempotencyHeader,
        params: idParams,
        body: addAgendaItemSchema,
        response: { 200: meetingViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await changeMeeting(
        db,
        request.actor,
        request.params.id,
        { kind: 'add_agenda_item', input: request.body },
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return view;
    },
  );

  app.put(
    '/api/conference/meetings/:id/attendance',
    {
      config: { access: manager },
      schema: {
        tags,
        summary: 'Record attendance per member department (present, delegate, absent)',
        params: idParams,
        body: attendanceInputSchema,
        response: { 200: meetingViewSchema },
      },
    },
    async (request) =>
      (await changeMeeting(db, request.actor, request.params.id, { kind: 'attendance', input: request.body })).view,
  );

  app.post(
    '/api/conference/meetings/:id/action-items',
    {
      config: { access: manager },
      schema: {
        tags,
        summary:
          'Record a decision as an action item for a member department with a due date; its clock starts (send an Idempotency-Key)',
        headers: idempotencyHeader,
        params: idParams,
        body: createActionItemSchema,
        response: { 201: actionItemViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await createActionItem(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/conference/action-items',
    {
      config: { access: reader },
      schema: {
        tags,
        summary: "My department's action items, open first, soonest due first",
        response: { 200: actionItemListSchema },
      },
    },
    async (request) => myActionItems(db, request.actor),
  );

  app.post(
    '/api/conference/action-items/:id/steps',
    {
      config: { access: reader },
      schema: {
        tags,
        summary:
          'The owner department reports the item done, or the convener cancels it (note); expectedVersion = the version you saw',
        headers: idempotencyHeader,
        params: idParams,
        body: actionItemStepSchema,
        response: { 200: actionItemViewSchema },
      },
    },
    async (request, reply) => {
      const { view, replayed } = await actOnActionItem(
        db,
        request.actor,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return view;
    },
  );

  app.get(
    '/api/conference/meetings/:id/minutes.pdf',
    {
      config: { access: reader },
      schema: { tags, summary: 'The minutes as a PDF in Chinese (the download is audited)', params: idParams },
    },
    async (request, reply) => {
      const { file, fileName } = await minutesPdf(db, request.actor, request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(file);
    },
  );

  app.get(
    '/api/conference/meetings/:id/minutes.xlsx',
    {
      config: { access: reader },
      schema: {
        tags,
        summary: 'The minutes as an .xlsx with Chinese headers (the download is audited)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const { file, fileName } = await minutesWorkbook(db, request.actor, request.params.id);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(file);
    },
  );
}
