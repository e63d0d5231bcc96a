import type { Kysely } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { maskAddress, maskIdNumber, maskPhone } from '../../platform/access/masking.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { narrowChildFile } from '../../core/scope/participation.js';
import { readFileAudited } from './file-read.js';
import { registryNotFound, requirePermission } from './guards.js';
import {
  type CategoryRow,
  type ChildRow,
  categoriesOf,
  fileChildIds,
  type FileParts,
  memberFact,
  membersOf,
  mergedFiles,
  type MemberWithSituations,
  placeOf,
} from './file-store.js';
import type { ChildFile, MemberView, MembershipView } from '../../contract/registry/child.js';
import { registryRules } from './rule-sections.js';
import { ageOn, entitlementsOf, proposeCategories } from './rules.js';
import type { CategoryCode } from './tables.js';

type Db = Kysely<Database>;

export function presentMember(member: MemberWithSituations, unmasked: boolean): MemberView {
  return {
    id: member.id,
    childId: member.child_id,
    relation: member.relation,
    isGuardian: member.is_guardian,
    name: member.name,
    idNumber: unmasked ? member.id_number : maskIdNumber(member.id_number),
    phone: unmasked ? member.phone : maskPhone(member.phone),
    address: unmasked ? member.address : maskAddress(member.address),
    guardianshipCapacity: member.guardianship_capacity,
    note: member.note,
    version: member.version,
    situations: member.situations.map((s) => ({
      id: s.id,
      kind: s.kind,
      place: s.place,
      since: s.since,
      until: s.until,
      disabilityGrade: s.disability_grade,
      disabilityType: s.disability_type,
      note: s.note,
    })),
  };
}

export function presentMembership(
  row: CategoryRow & { decided_by_name?: string | null },
  supported: ReadonlySet<CategoryCode>,
): MembershipView {
  return {
    id: row.id,
    childId: row.child_id,
    category: row.category,
    state: row.state,
    evidence: row.evidence,
    proposal: row.proposed_by_rule
      ? { ruleId: row.proposed_by_rule, ruleSetVersion: row.rule_set_version, evidence: row.proposal_evidence }
      : null,
    decidedBy: row.decided_by_name ?? null,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    decisionReason: row.decision_reason,
    startDate: row.start_date,
    endDate: row.end_date,
    endReason: row.end_reason,
    stillSupported: row.state !== 'confirmed' || row.proposed_by_rule === null || supported.has(row.category),
    version: row.version,
  };
}

/** The whole file as the actor may see it; no audit here (callers decide whether this is a read). */
export async function assembleFile(
  db: Db,
  actor: Actor,
  child: ChildRow,
  unmasked: boolean,
  today = shanghaiDateOf(new Date()),
): Promise<ChildFile> {
  const ids = await fileChildIds(db, child.id);
  const [members, categories, merged, residence, hukou, ruleSet] = await Promise.all([
    membersOf(db, ids),
    categoriesOf(db, ids),
    mergedFiles(db, child.id),
    placeOf(db, child.residence_code),
    child.hukou_code ? placeOf(db, child.hukou_code) : Promise.resolve(null),
    ruleSetFor(db, child.residence_code, today),
  ]);
  return presentFile(actor, { child, members, categories, merged, residence, hukou, ruleSet }, unmasked, today);
}

export function presentFile(actor: Actor, parts: FileParts, unmasked: boolean, today: string): ChildFile {
  const { child, members, categories, merged, residence, hukou, ruleSet } = parts;
  const rules = ruleSet.get(registryRules);
  const facts = {
    birthDate: child.birth_date,
    disabilityGrade: child.disability_grade,
    disabilityType: child.disability_type,
    householdBenefits: child.household_benefits,
    members: members.map(memberFact),
  };
  const supported = new Set(proposeCategories(facts, rules, today).map((p) => p.category));
  const confirmed = categories.filter((c) => c.state === 'confirmed').map((c) => c.category);
  return {
    id: child.id,
    havenCode: child.haven_code,
    provisionalIdentity: child.id_number === null,
    name: child.name,
    formerNames: child.former_names,
    sex: child.sex,
    birthDate: child.birth_date,
    age: child.birth_date ? ageOn(child.birth_date, today) : null,
    ethnicity: child.ethnicity,
    idNumber: unmasked ? child.id_number : maskIdNumber(child.id_number),
    phone: unmasked ? child.phone : maskPhone(child.phone),
    address: unmasked ? child.address : maskAddress(child.address),
    masked: !unmasked,
    residenceCode: child.residence_code,
    hukouCode: child.hukou_code,
    residence,
    hukou,
    school: child.school,
    grade: child.grade,
    health: {
      disabilityType: child.disability_type,
      disabilityGrade: child.disability_grade,
      disabilityCertificate: child.disability_certificate,
      seriousIllness: child.serious_illness,
    },
    householdBenefits: child.household_benefits,
    status: child.status,
    statusReason: child.status_reason,
    handoffNote: child.handoff_note,
    mergedInto: child.merged_into,
    riskGrade: child.risk_grade,
    family: members.map((m) => presentMember(m, unmasked)),
    categories: categories.map((c) => presentMembership(c, supported)),
    entitlements: entitlementsOf(confirmed, rules),
    mergedFiles: merged,
    allowedActions: allowedActions(actor, child, unmasked),
    version: child.version,
    createdAt: child.created_at.toISOString(),
    updatedAt: child.updated_at.toISOString(),
  };
}

/** What the server would accept from this actor on this file, so the UI offers only that. */
export function allowedActions(
  actor: Actor,
  child: Pick<ChildRow, 'status'>,
  unmasked: boolean,
): ChildFile['allowedActions'] {
  const actions: ChildFile['allowedActions'] = [];
  const writable = hasPermission(actor, 'children.write') && child.status === 'active';
  if (writable) actions.push('edit', 'addFamily', 'editFamily', 'decideCategory', 'addCategory', 'restore');
  if (!unmasked && hasPermission(actor, 'children.unmask')) actions.push('unmask');
  return actions;
}

/**
 * Opening a child's file is always audited (invariant 6), refused reads too. Identifiers are masked
 * unless the actor holds `children.unmask` and asks for them; an unmasked view is its own entry.
 */
export async function readChildFile(
  db: Db,
  actor: Actor,
  id: string,
  options: { unmask: boolean },
): Promise<ChildFile> {
  requirePermission(actor, 'children.read');
  const today = shanghaiDateOf(new Date());
  const unmasked = options.unmask && hasPermission(actor, 'children.unmask');
  // Returned only once its audit entry is committed and durable: a failed audit fails the read.
  const read = await readFileAudited(db, actor, id, today, {
    found: {
      action: unmasked ? 'children.read_unmasked' : 'children.read',
      entityType: 'child',
      entityId: id,
      childId: id,
    },
    refused: () => ({
      action: 'children.read',
      entityType: 'child',
      entityId: id,
      outcome: 'denied',
      details: { reason: 'not_found_or_out_of_scope' },
    }),
  });
  if (!read) throw registryNotFound(actor, 'child', id);
  // Need-to-know: a participant through a referral sees only the parts the referral shares.
  return narrowChildFile(presentFile(actor, read.parts, unmasked, today), read.access);
}
