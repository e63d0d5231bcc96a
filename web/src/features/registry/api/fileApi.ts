import { type ChildFile as ContractChildFile, childFileSchema } from '@contract/registry/child.js';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../../app/api/client';
import { type ChildSummary, placeName, summaryOfFile } from '../childrenApi';

type ContractFile = ContractChildFile;
export type FamilyMember = ContractFile['family'][number];
export type Situation = FamilyMember['situations'][number];
export type CategoryMembership = ContractFile['categories'][number];
export type MergedFile = ContractFile['mergedFiles'][number];

/** A situation as the API takes it back: a member's situations are replaced as a list. */
export function situationInput(situation: Situation): Record<string, unknown> {
  return {
    kind: situation.kind,
    place: situation.place,
    since: situation.since,
    until: situation.until,
    disabilityGrade: situation.disabilityGrade,
    note: situation.note,
  };
}

/** The file as its pages show it: the summary fields, the health fields flat, places by name. */
export interface ChildFile extends ChildSummary {
  formerNames: string[];
  ethnicity: string | null;
  school: string | null;
  grade: string | null;
  disabilityType: string | null;
  disabilityGrade: number | null;
  disabilityCertificate: string | null;
  seriousIllness: string | null;
  householdBenefits: string[];
  statusReason: string | null;
  family: FamilyMember[];
  categoryMemberships: CategoryMembership[];
  /** Protection measures the confirmed categories give, and the categories that give each. */
  entitlements: ContractFile['entitlements'];
  provisionalIdentity: boolean;
  hukouName: string | null;
  handoffNote: string | null;
  mergedFiles: MergedFile[];
  /** What the reader may do now, as the server decides it (edit, unmask, categorise, restore…). */
  allowedActions: ContractFile['allowedActions'];
}

export function childFileView(file: ContractFile): ChildFile {
  return {
    ...summaryOfFile(file),
    formerNames: file.formerNames,
    ethnicity: file.ethnicity,
    school: file.school,
    grade: file.grade,
    ...file.health,
    provisionalIdentity: file.provisionalIdentity,
    hukouName: file.hukou ? placeName(file.hukou) : null,
    handoffNote: file.handoffNote,
    householdBenefits: file.householdBenefits,
    statusReason: file.statusReason,
    family: file.family,
    categoryMemberships: file.categories,
    entitlements: file.entitlements,
    mergedFiles: file.mergedFiles,
    allowedActions: file.allowedActions,
  };
}

/** Reads a file (audited on the server, as is asking for it unmasked). */
export async function readChildFile(id: string, unmask: boolean, signal?: AbortSignal): Promise<ChildFile> {
  const path = `/api/children/${encodeURIComponent(id)}${queryString({ unmask: unmask || undefined })}`;
  return childFileView(await requestParsed(childFileSchema, path, { signal }));
}

export const fileKey = (id: string) => ['children', 'file', id] as const;

export function useChildFile(id: string, unmask: boolean) {
  return useQuery({
    queryKey: [...fileKey(id), { unmask }],
    gcTime: unmask ? 0 : 5 * 60_000,
    queryFn: ({ signal }) => readChildFile(id, unmask, signal),
  });
}

/** After any change to a file: its views and the lists that show it are read again. */
export function useRefreshChild() {
  const queryClient = useQueryClient();
  return (id: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: fileKey(id) }),
      queryClient.invalidateQueries({ queryKey: ['children', 'list'] }),
      queryClient.invalidateQueries({ queryKey: ['children', 'timeline', id] }),
    ]);
}

const base = (id: string) => `/api/children/${encodeURIComponent(id)}`;
type Obj = Record<string, unknown>;
/** Every change answers with the whole file, read with the contract like any other answer. */
const write = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
  requestParsed(childFileSchema, path, { method, body, headers: { 'Idempotency-Key': crypto.randomUUID() } });

export const fileCommands = {
  update: (id: string, body: Obj) => write('PATCH', base(id), body),
  addMember: (id: string, body: Obj) => write('POST', `${base(id)}/family`, body),
  updateMember: (id: string, memberId: string, body: Obj) => write('PATCH', `${base(id)}/family/${memberId}`, body),
  removeMember: (id: string, memberId: string, body: Obj) =>
    write('POST', `${base(id)}/family/${memberId}/remove`, body),
  confirmCategory: (id: string, membershipId: string, body: Obj) =>
    write('POST', `${base(id)}/categories/${membershipId}/confirm`, body),
  rejectCategory: (id: string, membershipId: string, body: Obj) =>
    write('POST', `${base(id)}/categories/${membershipId}/reject`, body),
  endCategory: (id: string, membershipId: string, body: Obj) =>
    write('POST', `${base(id)}/categories/${membershipId}/end`, body),
  addCategory: (id: string, body: Obj) => write('POST', `${base(id)}/categories`, body),
  restore: (id: string, entryId: string, body: Obj) => write('POST', `${base(id)}/history/${entryId}/restore`, body),
};
