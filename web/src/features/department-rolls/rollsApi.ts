import {
  type ApplyFromProposal,
  applyFromProposalAnswerSchema,
  type DecisionAnswer,
  decisionAnswerSchema,
  factProposalListSchema,
  rollDryRunSchema,
  rollListSchema,
  type RollUploadQuery,
  rollViewSchema,
} from '@contract/department-rolls/rolls.js';
import { useQuery } from '@tanstack/react-query';
import { requestFile, requestParsed } from '../../app/api/client';

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
  return requestParsed(rollViewSchema, `/api/department-rolls?${rollQuery(query)}`, {
    method: 'POST',
    rawBody: file,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
}

const rollQuery = (query: RollUploadQuery) =>
  new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));

/** Reads and matches the file without storing anything: counts per level, the mapping used, rows to look at. */
export function dryRunRoll(query: RollUploadQuery, file: File) {
  return requestParsed(rollDryRunSchema, `/api/department-rolls/dry-run?${rollQuery(query)}`, {
    method: 'POST',
    rawBody: file,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The error sheet (.xlsx) of a file before it is stored, or of a stored roll. */
export async function downloadErrorSheet(source: { query: RollUploadQuery; file: File } | { rollId: string }) {
  const { blob, filename } =
    'rollId' in source
      ? await requestFile(`/api/department-rolls/${encodeURIComponent(source.rollId)}/errors.xlsx`)
      : await requestFile(`/api/department-rolls/dry-run/errors.xlsx?${rollQuery(source.query)}`, {
          method: 'POST',
          rawBody: source.file,
          headers: { 'Content-Type': 'application/octet-stream' },
        });
  save(blob, filename ?? 'errors.xlsx');
}

export function applyFromProposal(id: string, body: ApplyFromProposal) {
  return requestParsed(applyFromProposalAnswerSchema, `/api/fact-proposals/${encodeURIComponent(id)}/apply`, {
    method: 'POST',
    body,
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
  decision:
    | { accept: { version: number; targetVersion: number; matchConfirmed?: boolean } }
    | { reject: { version: number; reason: string } },
): Promise<DecisionAnswer> {
  const [action, body] = 'accept' in decision ? ['accept', decision.accept] : ['reject', decision.reject];
  return requestParsed(decisionAnswerSchema, `/api/fact-proposals/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    body,
  });
}
