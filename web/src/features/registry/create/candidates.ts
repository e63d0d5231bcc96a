import { ApiError } from '../../../app/api/client';
import { parseChild, type ChildSummary } from '../childrenApi';
import { bool, list, num, obj, reasons, str, type Reason } from '../api/read';

/** A possible duplicate found on create: a file in scope (openable) or only "a file elsewhere". */
export interface Candidate {
  inScope: boolean;
  havenCode: string;
  countyName: string | null;
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
      countyName: str(item.countyName),
      child,
      score: num(item.score) ?? 0,
      reasons: reasons(item.reasons),
    };
  });
}

/** The file that already has this ID number, when the server names it. */
export function existingIdOf(error: ApiError): string | null {
  const envelope = obj(obj(error.body).error);
  const details = obj(envelope.details);
  return str(details.childId) ?? str(details.existingId) ?? str(obj(details.existing).id);
}
