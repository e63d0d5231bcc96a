import { caseloadSchema, coverageSchema, rosterListSchema } from '@contract/grassroots/roster.js';
import {
  appraisalViewSchema,
  type CreateStaffRecordInput,
  type CreateTrainingInput,
  type RecordAppraisalInput,
  staffRecordListSchema,
  trainingListSchema,
  trainingStatusSchema,
  trainingViewSchema,
} from '@contract/grassroots/training.js';
import {
  type RecordFollowUpDoneInput,
  type RecordSupervisionInput,
  supervisionByDirectorSchema,
} from '@contract/grassroots/supervision.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export function useRoster() {
  return useQuery({
    queryKey: ['roster', 'list'],
    queryFn: ({ signal }) => requestParsed(rosterListSchema, '/api/roster', { signal }),
  });
}

export function useCoverage() {
  return useQuery({
    queryKey: ['roster', 'coverage'],
    queryFn: ({ signal }) => requestParsed(coverageSchema, '/api/roster/coverage', { signal }),
  });
}

export function useCaseload() {
  return useQuery({
    queryKey: ['roster', 'caseload'],
    queryFn: ({ signal }) => requestParsed(caseloadSchema, '/api/roster/caseload', { signal }),
  });
}

export function useTrainings() {
  return useQuery({
    queryKey: ['roster', 'training'],
    queryFn: ({ signal }) => requestParsed(trainingListSchema, '/api/training', { signal }),
  });
}

export function useTrainingStatus() {
  return useQuery({
    queryKey: ['roster', 'training-status'],
    queryFn: ({ signal }) => requestParsed(trainingStatusSchema, '/api/training/status', { signal }),
  });
}

/** POST /api/training with a key made once per form, so a retried send records one session. */
export function recordTraining(input: CreateTrainingInput, idempotencyKey: string) {
  return requestParsed(trainingViewSchema, '/api/training', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useAppraisal(staffId: string, year: number) {
  return useQuery({
    queryKey: ['roster', 'appraisal', staffId, year],
    queryFn: ({ signal }) =>
      requestParsed(appraisalViewSchema, `/api/roster/${encodeURIComponent(staffId)}/appraisal?year=${year}`, {
        signal,
      }),
  });
}

export function recordAppraisal(staffId: string, input: RecordAppraisalInput) {
  return requestParsed(appraisalViewSchema, `/api/roster/${encodeURIComponent(staffId)}/appraisal`, {
    method: 'PUT',
    body: input,
  });
}

export function useStaffRecords(staffId: string) {
  return useQuery({
    queryKey: ['roster', 'records', staffId],
    queryFn: ({ signal }) =>
      requestParsed(staffRecordListSchema, `/api/roster/${encodeURIComponent(staffId)}/records`, { signal }),
  });
}

export function recordStaffRecord(staffId: string, input: CreateStaffRecordInput) {
  return requestParsed(staffRecordListSchema, `/api/roster/${encodeURIComponent(staffId)}/records`, {
    method: 'POST',
    body: input,
  });
}

/** GET /api/supervision: the supervision log (督导日志) of my area, per village director. */
export function useSupervision() {
  return useQuery({
    queryKey: ['roster', 'supervision'],
    queryFn: ({ signal }) => requestParsed(supervisionByDirectorSchema, '/api/supervision', { signal }),
  });
}

/** A check of a director's work; the key is made once per form, so a retried send records one check. */
export function recordSupervision(staffId: string, input: RecordSupervisionInput, idempotencyKey: string) {
  return requestParsed(supervisionByDirectorSchema, `/api/roster/${encodeURIComponent(staffId)}/supervision`, {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** A check's follow-up recorded done; its clock stops. One key per form, so a retried send records it once. */
export function recordFollowUpDone(logId: string, input: RecordFollowUpDoneInput, idempotencyKey: string) {
  return requestParsed(supervisionByDirectorSchema, `/api/supervision/${encodeURIComponent(logId)}/follow-up-done`, {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
