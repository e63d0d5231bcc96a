import type { Kysely } from 'kysely';
import type { Actor } from '../../../src/platform/access/actor.js';
import type { Database } from '../../../src/platform/db/schema.js';
import { createChild } from '../../../src/features/registry/child-write.js';
import { addMember } from '../../../src/features/registry/family.js';
import { composeIdNumber } from '../../../src/features/registry/id-number.js';
import {
  type ChildFile,
  type CreateChildInput,
  createChildSchema,
  type MemberInput,
  memberInputSchema,
} from '../../../src/contract/registry/child.js';
import { countyOf, places } from './places.js';
import { birthDate, childName, type Sequence } from './sequence.js';

export type ChildOverrides = Partial<CreateChildInput>;

/** The file as its registrar sees it (ID number masked), and the full ID number it was registered with. */
export type TestChild = ChildFile & { fullIdNumber: string | null };

/**
 * A child registered through the registry's use case, with the API's validation: by default in
 * 陈龙村, with a real ID number (the county of residence, the birth date, a sequence number whose
 * parity is the sex, and the right check character) that agrees with birth date and sex.
 */
export async function makeChild(
  db: Kysely<Database>,
  actor: Actor,
  sequence: Sequence,
  overrides: ChildOverrides = {},
): Promise<TestChild> {
  const n = sequence.take();
  const residenceCode = overrides.residenceCode ?? places.chenlong;
  const sex = overrides.sex ?? (n % 2 === 1 ? 'male' : 'female');
  const birth = overrides.birthDate ?? birthDate(n);
  const idNumber =
    overrides.idNumber !== undefined
      ? overrides.idNumber
      : composeIdNumber(countyOf(residenceCode), birth, 2 * (n % 500) + (sex === 'male' ? 1 : 0));
  const input = createChildSchema.parse({
    name: childName(n),
    address: `第${1 + (n % 9)}组 ${n} 号`,
    hukouCode: residenceCode,
    ...overrides,
    residenceCode,
    sex: idNumber === null ? overrides.sex : sex,
    birthDate: idNumber === null ? overrides.birthDate : birth,
    idNumber,
  });
  return { ...(await createChild(db, actor, input)).file, fullIdNumber: input.idNumber ?? null };
}

/** A family member added to a registered child's file, as the file page adds one. */
export async function makeFamilyMember(
  db: Kysely<Database>,
  actor: Actor,
  childId: string,
  sequence: Sequence,
  overrides: Partial<MemberInput> = {},
): Promise<ChildFile> {
  const n = sequence.take();
  const input = memberInputSchema.parse({
    relation: 'mother',
    isGuardian: true,
    name: `${childName(n + 2048).slice(0, 1)}秀英`,
    phone: `1397200${String(n % 10_000).padStart(4, '0')}`,
    ...overrides,
  });
  return addMember(db, actor, childId, input);
}
