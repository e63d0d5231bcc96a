import {
  type FactsChangedDetails,
  factsChangedDetailsSchema,
  type RecordVisitInput,
  type VisitedMeanwhileDetails,
  visitedMeanwhileDetailsSchema,
  visitViewSchema,
} from '@contract/visits/visits.js';
import { documentViewSchema } from '@contract/documents/views.js';
import { ApiError, requestParsed } from '../../../app/api/client';
import { outboxAll, outboxDelete, outboxPut } from '../../../app/offline/store';

/*
 * Visits recorded on the phone go through this outbox, online or not: each is stored first (with its
 * photo), then sent with its own Idempotency-Key, so a send whose answer was lost and is sent again
 * records one visit. A visit someone else recorded meanwhile comes back as 409 and waits here, with
 * both versions, for the director to choose (never last-write-wins).
 */

export interface QueuedVisit {
  id: string;
  childName: string;
  input: RecordVisitInput;
  photo?: { blob: Blob; name: string; type: string };
  state: 'queued' | 'conflict' | 'refused';
  /** Set once the visit is recorded and only its photo is left to send. */
  visitId?: string;
  conflict?: VisitedMeanwhileDetails;
  /** The child's facts changed on the server since the form was started: each field, seen and now. */
  factsChanged?: FactsChangedDetails;
  refusal?: string;
  queuedAt: string;
}

export type SendOutcome =
  | { kind: 'sent'; visitId: string }
  | { kind: 'queued' }
  | { kind: 'conflict' }
  | { kind: 'refused'; error: ApiError };

let items: QueuedVisit[] = [];
const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};

async function reload(): Promise<void> {
  items = (await outboxAll<QueuedVisit>()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  emit();
}

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) void reload().catch(() => undefined);
  return () => listeners.delete(listener);
}
export const outboxSnapshot = () => items;

const offline = (caught: unknown) => caught instanceof ApiError && caught.status === 0;

async function sendPhoto(item: QueuedVisit, visitId: string): Promise<void> {
  if (!item.photo) return;
  const query = new URLSearchParams({
    type: 'photo',
    fileName: item.photo.name,
    subjectType: 'visit',
    subjectId: visitId,
  });
  await requestParsed(
    documentViewSchema,
    `/api/children/${encodeURIComponent(item.input.childId)}/documents?${query}`,
    {
      method: 'POST',
      rawBody: item.photo.blob,
      headers: { 'Content-Type': item.photo.type || 'application/octet-stream', 'Idempotency-Key': `${item.id}-photo` },
    },
  );
}

/** Sends one queued visit (and then its photo); what became of it. */
async function send(item: QueuedVisit): Promise<SendOutcome> {
  try {
    let visitId = item.visitId;
    if (!visitId) {
      const view = await requestParsed(visitViewSchema, '/api/visits', {
        method: 'POST',
        body: item.input,
        headers: { 'Idempotency-Key': item.id },
      });
      visitId = view.id;
      await outboxPut({ ...item, visitId });
    }
    await sendPhoto(item, visitId);
    await outboxDelete(item.id);
    return { kind: 'sent', visitId };
  } catch (caught) {
    // No signal, or the session ended while away (signing in again opens the same sealed outbox): kept.
    if (offline(caught) || (caught instanceof ApiError && caught.status === 401)) return { kind: 'queued' };
    if (!(caught instanceof ApiError)) throw caught;
    const details = (caught.body as { error?: { details?: unknown } } | undefined)?.error?.details;
    const conflict = visitedMeanwhileDetailsSchema.safeParse(details);
    if (caught.code === 'visits.visited_meanwhile' && conflict.success) {
      await outboxPut({ ...item, state: 'conflict', conflict: conflict.data });
      return { kind: 'conflict' };
    }
    const facts = factsChangedDetailsSchema.safeParse(details);
    if (caught.code === 'visits.facts_changed' && facts.success) {
      await outboxPut({ ...item, state: 'conflict', factsChanged: facts.data });
      return { kind: 'conflict' };
    }
    await outboxPut({ ...item, state: 'refused', refusal: caught.message });
    return { kind: 'refused', error: caught };
  }
}

let syncing: Promise<void> | null = null;

/** Sends every queued visit, oldest first; stops at the first one the network does not carry. */
export function syncOutbox(): Promise<void> {
  syncing ??= (async () => {
    try {
      for (const item of await outboxAll<QueuedVisit>()) {
        if (item.state !== 'queued') continue;
        if ((await send(item)).kind === 'queued') break;
      }
    } finally {
      syncing = null;
      await reload();
    }
  })();
  return syncing;
}

/** Stores a visit from the form and tries to send it at once. */
export async function queueVisit(item: Omit<QueuedVisit, 'state' | 'queuedAt'>): Promise<SendOutcome> {
  const stored: QueuedVisit = { ...item, state: 'queued', queuedAt: new Date().toISOString() };
  await outboxPut(stored);
  await syncing;
  const outcome = await send(stored);
  if (outcome.kind === 'refused') await outboxDelete(stored.id);
  await reload();
  return outcome;
}

/** The director keeps both visits: sent again, now having seen the other one. */
export async function keepBoth(item: QueuedVisit): Promise<void> {
  if (!item.conflict) return;
  await outboxPut({
    ...item,
    state: 'queued',
    conflict: undefined,
    input: { ...item.input, seenVisitId: item.conflict.visitId },
  });
  await syncOutbox();
}

/** The director merged the chosen fields into the other visit (its photo goes with that visit). */
export async function mergedInto(item: QueuedVisit, visitId: string): Promise<void> {
  await outboxPut({ ...item, visitId, state: 'queued', conflict: undefined });
  await syncOutbox();
}

/** The director went through the changed facts: sent again with the visit as chosen and the facts now seen. */
export async function factsResolved(item: QueuedVisit, input: RecordVisitInput): Promise<void> {
  if (!item.factsChanged) return;
  await outboxPut({
    ...item,
    state: 'queued',
    factsChanged: undefined,
    input: { ...input, seenFacts: item.factsChanged.current },
  });
  await syncOutbox();
}

export async function discard(item: QueuedVisit): Promise<void> {
  await outboxDelete(item.id);
  await reload();
}

export function whenOnlineSync(): () => void {
  const online = () => void syncOutbox().catch(() => undefined);
  window.addEventListener('online', online);
  return () => window.removeEventListener('online', online);
}
