import type { ApiError } from '../../../app/api/client';
import { parseChild, type ChildSummary } from '../childrenApi';
import { bool, list, num, obj, reasons, str, type Reason } from '../api/read';

/** A possible duplicate found on create, in my scope (openable); those elsewhere are only counted (elsewhereOf). */
export interface Candidate {
  inScope: boolean;
  havenCode: string;
  child: ChildSummary | null;
  score: number;
  reasons: Reason[];
}

export function candidatesOf(error: ApiError): Candidate[] {
  const envelope = obj(obj(error.body).error);
  const details = obj(envelope.details);
  return list(details.candidates ?? envelope.candidates, (item) => {
    // Either { inScope, child, … } or the file's own fields with its id as childId.
    const flat = str(item.childId) ? parseChild({ ...item, id: item.childId }) : null;
    const nested = item.child && typeof item.child === 'object' ? parseChild(obj(item.child)) : null;
    const child = nested ?? flat;
    return {
      inScope: bool(item.inScope) || flat !== null,
      havenCode: str(item.havenCode) ?? child?.havenCode ?? '',
      child,
      score: num(item.score) ?? 0,
      reasons: reasons(item.reasons),
    };
  });
}

/** How many likely matches lie outside my area: the server says only that they exist. */
export function elsewhereOf(error: ApiError): number {
  const details = obj(obj(obj(error.body).error).details);
  return num(details.notShown) ?? num(details.elsewhere) ?? 0;
}

/** The file that already has this ID number, when the server names it. */
export function existingIdOf(error: ApiError): string | null {
  const envelope = obj(obj(error.body).error);
  const details = obj(envelope.details);
  return str(details.childId) ?? str(details.existingId) ?? str(obj(details.existing).id);
}
