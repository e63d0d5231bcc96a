import {
  type DecisionAnswer,
  decisionAnswerSchema,
  factProposalListSchema,
  rollListSchema,
  type RollUploadQuery,
  rollViewSchema,
} from '@contract/department-rolls/rolls.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export const rollsKey = ['department-rolls'] as const;
export const proposalsKey = (childId: string) => ['fact-proposals', childId] as const;

export function useRolls() {
  return useQuery({ queryKey: rollsKey, queryFn: () => requestParsed(rollListSchema, '/api/department-rolls') });
}

export function useRoll(id: string) {
  return useQuery({
    queryKey: [...rollsKey, id],
    queryFn: () => requestParsed(rollViewSchema, `/api/department-rolls/${encodeURIComponent(id)}`),
  });
}

/** The file as it is; the same file for the same department, kind and date answers with the roll already stored. */
export function uploadRoll(query: RollUploadQuery, file: File) {
  return requestParsed(rollViewSchema, `/api/department-rolls?${new URLSearchParams(query)}`, {
    method: 'POST',
    rawBody: file,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
}

export function useProposals(childId: string, enabled: boolean) {
  return useQuery({
    queryKey: proposalsKey(childId),
    enabled,
    queryFn: () => requestParsed(factProposalListSchema, `/api/children/${encodeURIComponent(childId)}/fact-proposals`),
  });
}

export function decideProposal(
  id: string,
  decision: { accept: { version: number; targetVersion: number } } | { reject: { version: number; reason: string } },
): Promise<DecisionAnswer> {
  const [action, body] = 'accept' in decision ? ['accept', decision.accept] : ['reject', decision.reject];
  return requestParsed(decisionAnswerSchema, `/api/fact-proposals/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    body,
  });
}
