import type { Insertable } from 'kysely';
import '../../features/registry/core-tables.js';
import { childSearchKeys, type ChildSearchKeys } from '../../features/registry/search-keys.js';
import type {
  ChildCategoriesTable,
  ChildrenTable,
  ChildTimelineTable,
  DuplicateCandidatesTable,
  FamilyMembersTable,
  MemberSituationsTable,
} from '../../features/registry/tables.js';
import type { SynthChild } from './child.js';
import { duplicateRulesSection } from '../../features/registry/search/rule-sections.js';
import { orderedPair, scoreDuplicate } from '../../features/registry/search/rules.js';

const duplicateRules = duplicateRulesSection.schema.parse({});

/** The rows of one batch of synthetic children, shaped for a multi-row INSERT or for COPY. */
export interface SynthRows {
  children: (Insertable<ChildrenTable> & { id: string })[];
  family_members: (Insertable<FamilyMembersTable> & { id: string })[];
  member_situations: Insertable<MemberSituationsTable>[];
  child_categories: Insertable<ChildCategoriesTable>[];
  child_timeline: Insertable<ChildTimelineTable>[];
  duplicate_candidates: Insertable<DuplicateCandidatesTable>[];
}

export const emptyRows = (): SynthRows => ({
  children: [],
  family_members: [],
  member_situations: [],
  child_categories: [],
  child_timeline: [],
  duplicate_candidates: [],
});

// Names repeat a lot (that is the point): pinyin is computed once per distinct name.
const keyCache = new Map<string, ChildSearchKeys>();
function keysOf(name: string): ChildSearchKeys {
  let keys = keyCache.get(name);
  if (!keys) {
    if (keyCache.size > 500_000) keyCache.clear();
    keys = childSearchKeys(name);
    keyCache.set(name, keys);
  }
  return keys;
}

export const syntheticActorLabel = '系统（合成数据）';

export function addChildRows(rows: SynthRows, child: SynthChild, source: 'demo' | 'bench'): void {
  const keys = keysOf(child.name);
  const at = `${child.registeredAt}T08:00:00.000Z`;
  rows.children.push({
    id: child.id,
    name: child.name,
    sex: child.sex,
    birth_date: child.birthDate,
    ethnicity: child.ethnicity,
    id_number: child.idNumber,
    phone: child.phone,
    address: child.address,
    residence_code: child.village.code,
    hukou_code: child.village.code,
    school: child.school,
    grade: child.grade,
    disability_type: child.disabilityType,
    disability_grade: child.disabilityGrade,
    disability_certificate: child.disabilityCertificate,
    serious_illness: child.seriousIllness,
    household_benefits: child.householdBenefits,
    risk_grade: child.riskGrade,
    name_grams: keys.nameGrams,
    pinyin_text: keys.pinyinText,
    created_at: at,
    updated_at: at,
  });
  for (const member of child.members) {
    rows.family_members.push({
      id: member.id,
      child_id: child.id,
      relation: member.relation,
      is_guardian: member.isGuardian,
      name: member.name,
      id_number: member.idNumber,
      phone: member.phone,
      guardianship_capacity: member.guardianshipCapacity,
      created_at: at,
      updated_at: at,
    });
    for (const s of member.situations) {
      rows.member_situations.push({
        id: s.id,
        member_id: member.id,
        kind: s.kind,
        place: s.place,
        since: s.since,
        until: s.until,
        disability_grade: s.disabilityGrade,
        disability_type: s.disabilityType,
        note: s.note,
        created_at: at,
      });
    }
  }
  for (const c of child.categories) {
    const decided = c.state === 'proposed' ? null : `${c.startDate}T09:00:00.000Z`;
    rows.child_categories.push({
      id: c.id,
      child_id: child.id,
      category: c.category,
      state: c.state,
      evidence: c.evidence,
      proposed_by_rule: c.ruleId,
      rule_set_version: c.ruleId ? 'default' : null,
      proposal_evidence: c.proposalEvidence ? JSON.stringify(c.proposalEvidence) : null,
      decided_at: decided === null ? null : new Date(decided),
      start_date: c.startDate,
      end_date: c.endDate,
      end_reason: c.endReason,
      created_at: at,
      updated_at: decided ?? at,
    });
  }
  rows.child_timeline.push({
    child_id: child.id,
    occurred_at: at,
    kind: 'registered',
    actor_label: syntheticActorLabel,
    entity_type: 'child',
    entity_id: child.id,
    details: JSON.stringify({ source }),
  });
}

/** A likely duplicate pair, scored by the duplicate check's own rules, for the review queue. */
export function addDuplicateRow(rows: SynthRows, original: SynthChild, copy: SynthChild, id: string): void {
  const facts = (child: SynthChild) => ({
    name: child.name,
    pinyin: keysOf(child.name).pinyinText.split(' ')[0] ?? null,
    birthDate: child.birthDate,
    idNumber: child.idNumber,
    residenceCode: child.village.code,
  });
  const guardianOf = (child: SynthChild) => child.members.find((m) => m.isGuardian);
  const scored = scoreDuplicate(
    facts(copy),
    {
      ...facts(original),
      formerNames: [],
      sharedGuardianPhone: guardianOf(copy)?.phone != null && guardianOf(copy)?.phone === guardianOf(original)?.phone,
      sharedGuardianName: guardianOf(copy)?.name === guardianOf(original)?.name,
    },
    duplicateRules,
  );
  if (!scored) return;
  const [a, b] = orderedPair(original.id, copy.id);
  rows.duplicate_candidates.push({
    id,
    child_a: a,
    child_b: b,
    score: scored.score,
    reasons: JSON.stringify(scored.reasons),
  });
}
