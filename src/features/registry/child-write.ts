import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { staleVersion } from '../../platform/errors.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { assembleFile } from './child-file.js';
import {
  childColumns,
  childValuesOf,
  idNumberRace,
  memberProblems,
  placeProblems,
  refuseAll,
  refuseDuplicateIdNumber,
} from './child-checks.js';
import { lockLikelyDuplicateKey, refuseLikelyDuplicates, requestReviewOfMatchesElsewhere } from './child-duplicates.js';
import { insertMember, normaliseMember } from './family-store.js';
import { type ChildRow, childInScopeById } from './file-store.js';
import { entityName, requirePermission } from './guards.js';
import { recordTimeline } from '../../core/timeline.js';
import { diffValues } from './history.js';
import type { ChildFields, ChildFile, CreateChildInput, UpdateChildInput } from '../../contract/registry/child.js';
import { recomputeProposals } from './proposals.js';
import { registryRules } from './rule-sections.js';
import { checkIdentity } from './rules.js';
import { childSearchKeys } from './search-keys.js';
import { recordDuplicateCandidates } from './search/duplicates.js';
import { loadWritableChild } from './writable.js';

type Db = Kysely<Database>;

const identityFields = new Set(['idNumber', 'birthDate', 'sex']);

function normalise(input: CreateChildInput): Required<ChildFields> {
  return {
    name: input.name,
    formerNames: input.formerNames ?? [],
    sex: input.sex ?? null,
    birthDate: input.birthDate ?? null,
    ethnicity: input.ethnicity ?? null,
    idNumber: input.idNumber ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    residenceCode: input.residenceCode,
    hukouCode: input.hukouCode ?? null,
    school: input.school ?? null,
    grade: input.grade ?? null,
    disabilityType: input.disabilityType ?? null,
    disabilityGrade: input.disabilityGrade ?? null,
    disabilityCertificate: input.disabilityCertificate ?? null,
    seriousIllness: input.seriousIllness ?? null,
    householdBenefits: [...new Set(input.householdBenefits ?? [])].sort(),
    riskGrade: input.riskGrade ?? null,
  };
}

/**
 * Registers a child. Identity must agree with the ID number; the place must be a village in the
 * actor's jurisdiction; a second file for the same ID number is refused, and a likely duplicate
 * stops the registration until the user confirms it is another child (the pair is then queued).
 */
export async function createChild(
  db: Db,
  actor: Actor,
  input: CreateChildInput,
  idempotencyKey?: string,
  today = shanghaiDateOf(new Date()),
): Promise<{ file: ChildFile; replayed: boolean }> {
  requirePermission(actor, 'children.write');
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'children.create',
    async ({ trx, audit }) => {
      const rules = (await ruleSetFor(trx, input.residenceCode, today)).get(registryRules);
      const values = normalise(input);
      const { identity, problems } = checkIdentity(values, today, rules);
      Object.assign(values, identity);
      const family = (input.family ?? []).map(normaliseMember);
      const all = [
        ...problems,
        ...(await placeProblems(trx, actor, values)),
        ...(input.family ?? []).flatMap((m, i) => memberProblems(m, `family.${i}.`)),
      ];
      if (all.length > 0) throw refuseAll(all);
      await lockLikelyDuplicateKey(trx, values);
      await refuseDuplicateIdNumber(trx, actor, values.idNumber);
      const candidates = await refuseLikelyDuplicates(
        trx,
        actor,
        values,
        family,
        rules.duplicateThreshold,
        input.confirmedNotDuplicate === true,
      ).catch(async (error: unknown) => {
        // A file with this ID number committed meanwhile shows up as a likely duplicate; the
        // answer is then the firm one, so ask again (each statement sees what has committed).
        await refuseDuplicateIdNumber(trx, actor, values.idNumber);
        throw error;
      });
      const keys = childSearchKeys(values.name, values.formerNames);
      const row = await trx
        .insertInto('children')
        .values({
          ...(childColumns(values) as Partial<ChildRow>),
          name: values.name,
          residence_code: values.residenceCode,
          name_grams: keys.nameGrams,
          pinyin_text: keys.pinyinText,
          registered_by_org: actor.organisationId,
          created_by: actor.userId,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow()
        .catch((error: unknown) => {
          throw idNumberRace(error, values.idNumber);
        });
      for (const member of family) await insertMember(trx, row.id, member);
      await recordTimeline(trx, actor, {
        childId: row.id,
        kind: 'child.created',
        entityType: 'child',
        entityId: row.id,
        after: values,
        details: { familyMembers: family.length, duplicateCandidates: candidates.length },
      });
      if (candidates.length > 0) {
        await recordDuplicateCandidates(trx, row.id, candidates);
        await requestReviewOfMatchesElsewhere(trx, actor, row.id, candidates, rules.duplicateThreshold, audit);
      }
      await recomputeProposals(trx, actor, [row.id], today);
      audit({
        entityType: 'child',
        entityId: row.id,
        childId: row.id,
        details: { confirmedNotDuplicate: input.confirmedNotDuplicate === true, candidates: candidates.length },
      });
      const child = await childInScopeById(trx, actor, row.id);
      return assembleFile(trx, actor, child!, false, today);
    },
    idempotencyKey ? { key: idempotencyKey, request: input } : undefined,
  );
  return { file: result, replayed };
}

/** Edits the file at the version the user saw, with a reason; a stale version gets the current file back. */
export async function updateChild(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateChildInput,
  today = shanghaiDateOf(new Date()),
): Promise<ChildFile> {
  requirePermission(actor, 'children.write');
  const { result } = await unitOfWork(db, actor, 'children.update', async ({ trx, audit }) => {
    const current = await loadWritableChild(trx, actor, id);
    if (current.version !== input.version) throw staleVersion(entityName(actor, 'child'), id, current.version);
    const { version: _version, reason, ...fields } = input;
    const change = await changeChild(trx, actor, current, fields, today);
    if (change) {
      await recordTimeline(trx, actor, {
        childId: id,
        kind: 'child.updated',
        reason,
        entityType: 'child',
        entityId: id,
        before: change.before,
        after: change.after,
      });
      audit({ entityType: 'child', entityId: id, childId: id, details: { reason, fields: Object.keys(change.after) } });
    }
    const child = await childInScopeById(trx, actor, id);
    return assembleFile(trx, actor, child!, false, today);
  });
  return result;
}

/**
 * Applies field changes to a locked, current child (edit and restore): checks what changed, keeps
 * the search keys in step, bumps the version and re-proposes categories. Undefined when nothing changed.
 */
export async function changeChild(
  trx: Transaction<Database>,
  actor: Actor,
  current: ChildRow,
  fields: Partial<ChildFields>,
  today: string,
): Promise<{ before: Partial<ChildFields>; after: Partial<ChildFields> } | undefined> {
  const stored = childValuesOf(current);
  const proposed: Partial<ChildFields> = { ...fields };
  if (proposed.householdBenefits) proposed.householdBenefits = [...new Set(proposed.householdBenefits)].sort();
  if (proposed.idNumber !== undefined)
    proposed.idNumber = proposed.idNumber?.trim() ? proposed.idNumber.trim().toUpperCase() : null;
  const diff = diffValues(stored, proposed);
  if (!diff) return undefined;
  const changed = new Set(Object.keys(diff.after));
  const merged = { ...stored, ...diff.after };
  const problems = [];
  if ([...changed].some((field) => identityFields.has(field))) {
    const rules = (await ruleSetFor(trx, merged.residenceCode, today)).get(registryRules);
    problems.push(
      ...checkIdentity({ idNumber: merged.idNumber, birthDate: merged.birthDate, sex: merged.sex }, today, rules)
        .problems,
    );
  }
  problems.push(
    ...(await placeProblems(trx, actor, {
      residenceCode: changed.has('residenceCode') ? merged.residenceCode : undefined,
      hukouCode: changed.has('hukouCode') ? merged.hukouCode : undefined,
    })),
  );
  if (problems.length > 0) throw refuseAll(problems);
  if (changed.has('idNumber')) await refuseDuplicateIdNumber(trx, actor, merged.idNumber, current.id);
  const keys = childSearchKeys(merged.name, merged.formerNames);
  await updateVersioned(trx, {
    table: 'children',
    entity: entityName(actor, 'child'),
    id: current.id,
    expectedVersion: current.version,
    values: { ...childColumns(diff.after), name_grams: keys.nameGrams, pinyin_text: keys.pinyinText },
  }).catch((error: unknown) => {
    throw idNumberRace(error, merged.idNumber);
  });
  await recomputeProposals(trx, actor, [current.id], today);
  return diff;
}
