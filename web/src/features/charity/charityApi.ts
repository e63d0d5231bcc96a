import {
  familySupportSchema,
  guardianTrainingViewSchema,
  type ReferGuardianInput,
  type TrainingOutcomeInput,
} from '@contract/charity/family.js';
import { activityListSchema, activityViewSchema, type CreateActivityInput } from '@contract/charity/activities.js';
import {
  type AddVolunteerInput,
  donationListSchema,
  guidanceOrderListSchema,
  guidanceOrderViewSchema,
  type IssueGuidanceOrderInput,
  type NeedActionInput,
  needListSchema,
  needViewSchema,
  type RaiseNeedInput,
  type RecordDonationInput,
  type RecordGuidanceSessionInput,
  volunteerListSchema,
  volunteerViewSchema,
} from '@contract/charity/views.js';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { requestParsed } from '../../app/api/client';

export type { GuidanceOrderView, NeedView, VolunteerView } from '@contract/charity/views.js';
export {
  checkStates,
  donationForms,
  donorKinds,
  guidanceSessionStates,
  needKinds,
  needSources,
  needStatusLabels,
} from '@contract/charity/vocabulary.js';

/** A vocabulary entry in the reader's language. */
export const say = (entry: { zh: string; en: string }, language: string) =>
  language.startsWith('en') ? entry.en : entry.zh;

export const useNeeds = () =>
  useQuery({ queryKey: ['needs'], queryFn: ({ signal }) => requestParsed(needListSchema, '/api/needs', { signal }) });
export const useDonations = (enabled: boolean) =>
  useQuery({
    queryKey: ['donations'],
    enabled,
    queryFn: ({ signal }) => requestParsed(donationListSchema, '/api/donations', { signal }),
  });
export const useVolunteers = (enabled: boolean) =>
  useQuery({
    queryKey: ['volunteers'],
    enabled,
    queryFn: ({ signal }) => requestParsed(volunteerListSchema, '/api/volunteers', { signal }),
  });
export const useGuidanceOrders = (enabled: boolean) =>
  useQuery({
    queryKey: ['guidance-orders'],
    enabled,
    queryFn: ({ signal }) => requestParsed(guidanceOrderListSchema, '/api/guidance-orders', { signal }),
  });

const post = <S extends z.ZodType>(schema: S, path: string, body: unknown, key?: string) =>
  requestParsed(schema, path, { method: 'POST', body, headers: key ? { 'Idempotency-Key': key } : undefined });

export const raiseNeed = (input: RaiseNeedInput, key: string) => post(needViewSchema, '/api/needs', input, key);
export const actOnNeed = (id: string, input: NeedActionInput, key: string) =>
  post(needViewSchema, `/api/needs/${id}/actions`, input, key);
export const recordDonation = (input: RecordDonationInput, key: string) =>
  post(z.object({ id: z.string() }), '/api/donations', input, key);
export const addVolunteer = (input: AddVolunteerInput, key: string) =>
  post(volunteerViewSchema, '/api/volunteers', input, key);
export const renewCheck = (id: string, expectedVersion: number, passedOn: string) =>
  post(volunteerViewSchema, `/api/volunteers/${id}/check`, { expectedVersion, passedOn });
export const issueGuidanceOrder = (input: IssueGuidanceOrderInput, key: string) =>
  post(guidanceOrderViewSchema, '/api/guidance-orders', input, key);
export const recordGuidanceSession = (id: string, number: number, input: RecordGuidanceSessionInput) =>
  post(guidanceOrderViewSchema, `/api/guidance-orders/${id}/sessions/${number}`, input);

export type { FamilySupportView, GuardianTrainingView } from '@contract/charity/family.js';
export { trainingStatuses } from '@contract/charity/vocabulary.js';
export const useFamilySupport = (childId: string) =>
  useQuery({
    queryKey: ['family-support', childId],
    queryFn: ({ signal }) => requestParsed(familySupportSchema, `/api/children/${childId}/family-support`, { signal }),
  });
export const referGuardian = (childId: string, input: ReferGuardianInput, key: string) =>
  post(guardianTrainingViewSchema, `/api/children/${childId}/guardian-trainings`, input, key);
export const recordTrainingOutcome = (id: string, input: TrainingOutcomeInput) =>
  post(guardianTrainingViewSchema, `/api/guardian-trainings/${id}/outcome`, input);

export type { ActivityView } from '@contract/charity/activities.js';
export const useActivities = (enabled: boolean) =>
  useQuery({
    queryKey: ['volunteer-activities'],
    enabled,
    queryFn: ({ signal }) => requestParsed(activityListSchema, '/api/volunteer-activities', { signal }),
  });
export const createActivity = (input: CreateActivityInput, key: string) =>
  post(activityViewSchema, '/api/volunteer-activities', input, key);
export const matchVolunteer = (id: string, expectedVersion: number, volunteerId: string, key: string) =>
  post(activityViewSchema, `/api/volunteer-activities/${id}/volunteers`, { expectedVersion, volunteerId }, key);
export const recordActivityHours = (
  id: string,
  expectedVersion: number,
  hours: { volunteerId: string; hours: number }[],
  key: string,
) => post(activityViewSchema, `/api/volunteer-activities/${id}/hours`, { expectedVersion, hours }, key);
