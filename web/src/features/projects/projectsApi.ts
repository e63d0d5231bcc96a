import {
  type AddPostInput,
  budgetByCountySchema,
  type EvaluateInput,
  type CreateProjectInput,
  projectListSchema,
  projectViewSchema,
  type RecordPaymentInput,
  type RecordSessionInput,
  type ReplyInput,
  sessionViewSchema,
} from '@contract/projects/projects.js';
import {
  type IncubationActionInput,
  incubationListSchema,
  incubationViewSchema,
  type StartIncubationInput,
} from '@contract/projects/incubation.js';
import { capacityViewSchema, coverageSchema, organisationListSchema } from '@contract/projects/society.js';
import {
  evaluationStages,
  indicatorKinds,
  type IndicatorKind,
  licenceLevels,
  sessionKinds,
} from '@contract/projects/vocabulary.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export type { IndicatorValue, ProjectView } from '@contract/projects/projects.js';
export type { IncubationView } from '@contract/projects/incubation.js';
export {
  evaluationStageCodes,
  indicatorKindCodes,
  sessionKindCodes,
} from '@contract/projects/vocabulary.js';

const en = (language: string) => language.startsWith('en');

export function indicatorLabel(kind: IndicatorKind, language: string): string {
  return en(language) ? indicatorKinds[kind].en : indicatorKinds[kind].zh;
}
export function stageLabel(stage: keyof typeof evaluationStages, language: string): string {
  return en(language) ? evaluationStages[stage].en : evaluationStages[stage].zh;
}
export function sessionKindLabel(kind: keyof typeof sessionKinds, language: string): string {
  return en(language) ? sessionKinds[kind].en : sessionKinds[kind].zh;
}
export function levelLabel(level: keyof typeof licenceLevels, language: string): string {
  return en(language) ? licenceLevels[level].en : licenceLevels[level].zh;
}

/** Fen as yuan with two decimals, by integer arithmetic (never a float of money). */
export function yuan(fen: number, language: string): string {
  const whole = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `¥${new Intl.NumberFormat(en(language) ? 'en' : 'zh-CN').format(whole)}.${cents}`;
}

/** Yuan typed by a person (up to two decimals) to whole fen, from the digits, not by multiplying a float. */
export function fenOf(yuanText: string): number | null {
  const match = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(yuanText.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function useProjects(county?: string) {
  return useQuery({
    queryKey: ['projects', county ?? null],
    queryFn: ({ signal }) =>
      requestParsed(projectListSchema, `/api/projects${county ? `?county=${county}` : ''}`, { signal }),
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: ['project', id],
    queryFn: ({ signal }) => requestParsed(projectViewSchema, `/api/projects/${id}`, { signal }),
  });
}

export function useBudgetByCounty() {
  return useQuery({
    queryKey: ['projects-budget'],
    queryFn: ({ signal }) => requestParsed(budgetByCountySchema, '/api/projects/budget-by-county', { signal }),
  });
}

export function useCoverage() {
  return useQuery({
    queryKey: ['society-coverage'],
    queryFn: ({ signal }) => requestParsed(coverageSchema, '/api/society/coverage', { signal }),
  });
}

export function useSocialOrganisations() {
  return useQuery({
    queryKey: ['society-organisations'],
    queryFn: ({ signal }) => requestParsed(organisationListSchema, '/api/society/organisations', { signal }),
  });
}

export function useCapacity(id: string) {
  return useQuery({
    queryKey: ['society-organisation', id],
    queryFn: ({ signal }) => requestParsed(capacityViewSchema, `/api/society/organisations/${id}`, { signal }),
  });
}

export function createProject(input: CreateProjectInput, idempotencyKey: string) {
  return requestParsed(projectViewSchema, '/api/projects', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function recordPayment(id: string, instalment: number, input: RecordPaymentInput) {
  return requestParsed(projectViewSchema, `/api/projects/${id}/payments/${instalment}`, {
    method: 'POST',
    body: input,
  });
}

export function replyToEvaluation(id: string, stage: keyof typeof evaluationStages, input: ReplyInput) {
  return requestParsed(projectViewSchema, `/api/projects/${id}/evaluations/${stage}/reply`, {
    method: 'POST',
    body: input,
  });
}

export function recordSession(input: RecordSessionInput, idempotencyKey: string) {
  return requestParsed(sessionViewSchema, '/api/service-sessions', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function addPost(id: string, input: AddPostInput) {
  return requestParsed(projectViewSchema, `/api/projects/${id}/posts`, { method: 'POST', body: input });
}

export function evaluateProject(id: string, input: EvaluateInput) {
  return requestParsed(projectViewSchema, `/api/projects/${id}/evaluations`, { method: 'POST', body: input });
}

export function useIncubations() {
  return useQuery({
    queryKey: ['society-incubations'],
    queryFn: ({ signal }) => requestParsed(incubationListSchema, '/api/society/incubations', { signal }),
  });
}

export function startIncubation(input: StartIncubationInput, idempotencyKey: string) {
  return requestParsed(incubationViewSchema, '/api/society/incubations', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function actOnIncubation(id: string, input: IncubationActionInput, idempotencyKey: string) {
  return requestParsed(incubationViewSchema, `/api/society/incubations/${id}/actions`, {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** A code of the incubation vocabularies in the app's language. */
export function incubationLabel(label: { zh: string; en: string }, language: string): string {
  return en(language) ? label.en : label.zh;
}
