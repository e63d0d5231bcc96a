import {
  type ActionItemStepInput,
  actionItemListSchema,
  actionItemViewSchema,
  type AttendanceInput,
  type CreateActionItemInput,
  type CreateMeetingInput,
  meetingListSchema,
  type MeetingStepInput,
  meetingViewSchema,
  membersSchema,
  proposalsSchema,
  type UpdateMeetingInput,
} from '@contract/joint-conference/views.js';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { requestFile, requestParsed } from '../../app/api/client';

export type { ActionItemView, MeetingSummary, MeetingView } from '@contract/joint-conference/views.js';
export {
  type ActionItemStep,
  attendanceValues,
  type Attendance,
  vocabularyLabels,
} from '@contract/joint-conference/vocabulary.js';

export function useMeetings() {
  return useQuery({
    queryKey: ['conference', 'meetings'],
    queryFn: ({ signal }) => requestParsed(meetingListSchema, '/api/conference/meetings', { signal }),
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: ['conference', 'meeting', id],
    queryFn: ({ signal }) => requestParsed(meetingViewSchema, `/api/conference/meetings/${id}`, { signal }),
  });
}

export function useProposals(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['conference', 'proposals', id],
    enabled,
    queryFn: ({ signal }) => requestParsed(proposalsSchema, `/api/conference/meetings/${id}/proposals`, { signal }),
  });
}

export function useMembers(division: string | null) {
  return useQuery({
    queryKey: ['conference', 'members', division],
    enabled: division !== null,
    queryFn: ({ signal }) => requestParsed(membersSchema, `/api/conference/members/${division}`, { signal }),
  });
}

export function useMyActionItems() {
  return useQuery({
    queryKey: ['conference', 'my-items'],
    queryFn: ({ signal }) => requestParsed(actionItemListSchema, '/api/conference/action-items', { signal }),
  });
}

/** After any change: the meeting, the lists and my work read again. */
export function useRefreshConference() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['conference'] });
    void client.invalidateQueries({ queryKey: ['my-work'] });
  };
}

const keyed = (key: string) => ({ 'Idempotency-Key': key });

export const conferenceApi = {
  createMeeting: (input: CreateMeetingInput, key: string) =>
    requestParsed(meetingViewSchema, '/api/conference/meetings', { method: 'POST', body: input, headers: keyed(key) }),
  updateMeeting: (id: string, input: UpdateMeetingInput) =>
    requestParsed(meetingViewSchema, `/api/conference/meetings/${id}`, { method: 'PATCH', body: input }),
  step: (id: string, input: MeetingStepInput) =>
    requestParsed(meetingViewSchema, `/api/conference/meetings/${id}/steps`, { method: 'POST', body: input }),
  buildAgenda: (id: string, expectedVersion: number) =>
    requestParsed(meetingViewSchema, `/api/conference/meetings/${id}/agenda/build`, {
      method: 'POST',
      body: { expectedVersion },
    }),
  addAgendaItem: (id: string, input: { expectedVersion: number; title: string }, key: string) =>
    requestParsed(meetingViewSchema, `/api/conference/meetings/${id}/agenda`, {
      method: 'POST',
      body: input,
      headers: keyed(key),
    }),
  attendance: (id: string, input: AttendanceInput) =>
    requestParsed(meetingViewSchema, `/api/conference/meetings/${id}/attendance`, { method: 'PUT', body: input }),
  createActionItem: (id: string, input: CreateActionItemInput, key: string) =>
    requestParsed(actionItemViewSchema, `/api/conference/meetings/${id}/action-items`, {
      method: 'POST',
      body: input,
      headers: keyed(key),
    }),
  actOnActionItem: (id: string, input: ActionItemStepInput, key: string) =>
    requestParsed(actionItemViewSchema, `/api/conference/action-items/${id}/steps`, {
      method: 'POST',
      body: input,
      headers: keyed(key),
    }),
};

/** Downloads the minutes (the server audits each download). */
export async function downloadMinutes(id: string, format: 'pdf' | 'xlsx'): Promise<void> {
  const { blob, filename } = await requestFile(`/api/conference/meetings/${id}/minutes.${format}`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? `minutes.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A vocabulary label in the page's language. */
export function labelOf(entry: { zh: string; en: string }, language: string): string {
  return language.startsWith('en') ? entry.en : entry.zh;
}
