import {
  duplicateIdNumberDetailsSchema,
  possibleDuplicateDetailsSchema,
  type ShownCandidate,
} from '@contract/registry/errors.js';
import { type ApiError, isRecord } from '../../../app/api/client';
import { parseWithContract } from '../../../app/api/contract';
import type { Reason } from '../api/duplicatesApi';

/** A possible duplicate found on create, in my scope (openable); those elsewhere are only counted (elsewhereOf). */
export interface Candidate {
  inScope: true;
  havenCode: string;
  child: {
    id: string;
    name: string;
    sex: 'male' | 'female' | null;
    birthDate: string | null;
    /** Masked. */
    idNumber: string | null;
    residenceCode: string;
  };
  score: number;
  reasons: Reason[];
}

const where = 'POST /api/children';

function details(error: ApiError): unknown {
  return isRecord(error.body) && isRecord(error.body.error) ? error.body.error.details : undefined;
}

function candidate(shown: ShownCandidate): Candidate {
  const sex = shown.sex === 'male' || shown.sex === 'female' ? shown.sex : null;
  return {
    inScope: true,
    havenCode: shown.havenCode,
    child: { ...shown, id: shown.childId, sex },
    score: shown.score,
    reasons: shown.reasons,
  };
}

/** The files in my scope that may be this child (`registry.possible_duplicate`), read with the contract. */
export function candidatesOf(error: ApiError): Candidate[] {
  return parseWithContract(possibleDuplicateDetailsSchema, details(error), where).candidates.map(candidate);
}

/** How many likely matches lie outside my area: the server says only that they exist. */
export function elsewhereOf(error: ApiError): number {
  return parseWithContract(possibleDuplicateDetailsSchema, details(error), where).notShown;
}

/** The file that already has this ID number (`registry.duplicate_id_number`), null for any other refusal. */
export function existingIdOf(error: ApiError): string | null {
  if (error.code !== 'registry.duplicate_id_number') return null;
  return parseWithContract(duplicateIdNumberDetailsSchema, details(error), where).childId;
}
