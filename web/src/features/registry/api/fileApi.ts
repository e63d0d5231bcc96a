import { useQuery, useQueryClient } from '@tanstack/react-query';
import { queryString, requestJson } from '../../../app/api/client';
import { parseChild, type ChildSummary } from '../childrenApi';
import {
  type CategoryCode,
  categoryCodes,
  type CategoryState,
  categoryStates,
  guardianshipCapacities,
  type GuardianshipCapacity,
  type SituationKind,
  situationKinds,
} from './codes';
import { bool, list, num, obj, oneOf, str, strings, type Obj } from './read';

/** A situation as the API takes it back: a member's situations are replaced as a list. */
export function situationInput(situation: Situation): Obj {
  return {
    kind: situation.kind,
    place: situation.place,
    since: situation.since,
    until: situation.until,
    disabilityGrade: situation.disabilityGrade,
    note: situation.note,
  };
}

export interface Situation {
  id: string;
  kind: SituationKind;
  place: string | null;
  since: string | null;
  until: string | null;
  disabilityGrade: number | null;
  note: string | null;
}

export interface FamilyMember {
  id: string;
  relation: string;
  isGuardian: boolean;
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  guardianshipCapacity: GuardianshipCapacity | null;
  note: string | null;
  version: number;
  situations: Situation[];
}

export interface CategoryMembership {
  id: string;
  category: CategoryCode;
  state: CategoryState;
  evidence: string | null;
  /** Why a rule proposed it: a message code with its parameters. */
  proposal: { ruleId: string; evidence: { code: string; params: Obj } | null } | null;
  stillSupported: boolean;
  decidedAt: string | null;
  decisionReason: string | null;
  startDate: string | null;
  endDate: string | null;
  endReason: string | null;
  version: number;
}

export interface MergedFile {
  id: string;
  name: string | null;
  havenCode: string | null;
  mergeId: string | null;
}

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
  entitlements: { measure: string; categories: CategoryCode[] }[];
  provisionalIdentity: boolean;
  age: number | null;
  residenceName: string | null;
  hukouName: string | null;
  handoffNote: string | null;
  mergedFiles: MergedFile[];
  /** What the reader may do now, as the server decides it (edit, unmask, categorise, restore…). */
  allowedActions: string[];
}

function parseSituation(item: Obj): Situation | null {
  const id = str(item.id);
  const kind = oneOf(item.kind, situationKinds);
  if (!id || !kind) return null;
  return {
    id,
    kind,
    place: str(item.place),
    since: str(item.since),
    until: str(item.until),
    disabilityGrade: num(item.disabilityGrade),
    note: str(item.note),
  };
}

function parseMember(item: Obj): FamilyMember | null {
  const id = str(item.id);
  if (!id) return null;
  return {
    id,
    relation: str(item.relation) ?? '',
    isGuardian: bool(item.isGuardian),
    name: str(item.name) ?? '',
    idNumber: str(item.idNumber),
    phone: str(item.phone),
    address: str(item.address),
    guardianshipCapacity: oneOf(item.guardianshipCapacity, guardianshipCapacities),
    note: str(item.note),
    version: num(item.version) ?? 0,
    situations: list(item.situations, parseSituation),
  };
}

function parseProposal(item: Obj): CategoryMembership['proposal'] {
  const evidence = obj(item.evidence);
  const code = str(evidence.code);
  return { ruleId: str(item.ruleId) ?? '', evidence: code ? { code, params: obj(evidence.params) } : null };
}

function parseMembership(item: Obj): CategoryMembership | null {
  const id = str(item.id);
  const category = oneOf(item.category, categoryCodes);
  const state = oneOf(item.state, categoryStates);
  if (!id || !category || !state) return null;
  return {
    id,
    category,
    state,
    evidence: str(item.evidence),
    proposal: item.proposal && typeof item.proposal === 'object' ? parseProposal(obj(item.proposal)) : null,
    stillSupported: item.stillSupported !== false,
    decidedAt: str(item.decidedAt),
    decisionReason: str(item.decisionReason),
    startDate: str(item.startDate),
    endDate: str(item.endDate),
    endReason: str(item.endReason),
    version: num(item.version) ?? 0,
  };
}

function placeName(value: unknown): string | null {
  const place = obj(value);
  const path = list(place.path, (step) => str(step.name));
  return path.length > 0 ? path.slice(-3).join(' ') : str(place.name);
}

export function parseChildFile(value: unknown): ChildFile {
  const body = obj(value);
  const summary = parseChild(body);
  if (!summary) throw new Error('unreadable child file');
  const memberships = list(body.categories, parseMembership);
  // Older answers had the health fields at the top level.
  const health = body.health && typeof body.health === 'object' ? obj(body.health) : body;
  return {
    ...summary,
    categories: memberships
      .filter((membership) => membership.state === 'confirmed')
      .map((membership) => membership.category),
    formerNames: strings(body.formerNames),
    ethnicity: str(body.ethnicity),
    school: str(body.school),
    grade: str(body.grade),
    disabilityType: str(health.disabilityType),
    disabilityGrade: num(health.disabilityGrade),
    disabilityCertificate: str(health.disabilityCertificate),
    seriousIllness: str(health.seriousIllness),
    provisionalIdentity: body.provisionalIdentity === true,
    age: num(body.age),
    residenceName: placeName(body.residence),
    hukouName: body.hukou ? placeName(body.hukou) : null,
    handoffNote: str(body.handoffNote),
    householdBenefits: strings(body.householdBenefits),
    statusReason: str(body.statusReason),
    family: list(body.family ?? body.familyMembers, parseMember),
    categoryMemberships: memberships,
    entitlements: list(body.entitlements, (item) => {
      const measure = str(item.measure);
      return measure
        ? { measure, categories: strings(item.categories).flatMap((code) => oneOf(code, categoryCodes) ?? []) }
        : null;
    }),
    mergedFiles: list(body.mergedFiles ?? body.merged, (item) => {
      const id = str(item.id) ?? str(item.childId);
      return id ? { id, name: str(item.name), havenCode: str(item.havenCode), mergeId: str(item.mergeId) } : null;
    }),
    allowedActions: strings(body.allowedActions),
  };
}

export const fileKey = (id: string) => ['children', 'file', id] as const;

export function useChildFile(id: string, unmask: boolean) {
  return useQuery({
    queryKey: [...fileKey(id), { unmask }],
    gcTime: unmask ? 0 : 5 * 60_000,
    queryFn: async ({ signal }) =>
      parseChildFile(
        await requestJson(`/api/children/${encodeURIComponent(id)}${queryString({ unmask: unmask || undefined })}`, {
          signal,
        }),
      ),
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
const write = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
  requestJson(path, { method, body, headers: { 'Idempotency-Key': crypto.randomUUID() } });

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
