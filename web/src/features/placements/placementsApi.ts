import type { PlaceInput, PlacementActionInput } from '@contract/placements/actions.js';
import { institutionFullDetailsSchema } from '@contract/placements/errors.js';
import {
  actedOnPlacementSchema,
  childPlacementSchema,
  occupancySchema,
  receptionsSchema,
} from '@contract/placements/views.js';
import { useQuery } from '@tanstack/react-query';
import { ApiError, queryString, requestParsed } from '../../app/api/client';

// Every answer is read with the contract's schema (src/contract/placements): a renamed field fails loudly.

export const placementKeys = {
  child: (childId: string) => ['placements', 'child', childId] as const,
  occupancy: ['placements', 'occupancy'] as const,
  receptions: (from: string, to: string) => ['placements', 'receptions', from, to] as const,
};

export function useChildPlacement(childId: string) {
  return useQuery({
    queryKey: placementKeys.child(childId),
    queryFn: ({ signal }) =>
      requestParsed(childPlacementSchema, `/api/children/${encodeURIComponent(childId)}/placement`, { signal }),
  });
}

export function placeChild(childId: string, body: PlaceInput, idempotencyKey: string) {
  return requestParsed(childPlacementSchema, `/api/children/${encodeURIComponent(childId)}/placements`, {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** Every action carries the seq it was decided on: acting on an old view gets a 409. */
export function actOnPlacement(placementId: string, body: PlacementActionInput, idempotencyKey: string) {
  return requestParsed(actedOnPlacementSchema, `/api/placements/${encodeURIComponent(placementId)}/actions`, {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** The occupancy a full institution answered with (409 placements.institution_full), if that is the error. */
export function institutionFull(error: unknown) {
  if (!(error instanceof ApiError) || error.code !== 'placements.institution_full') return undefined;
  const body = error.body as { error?: { details?: unknown } } | undefined;
  const parsed = institutionFullDetailsSchema.safeParse(body?.error?.details);
  return parsed.success ? parsed.data : undefined;
}

export function useOccupancy() {
  return useQuery({
    queryKey: placementKeys.occupancy,
    queryFn: ({ signal }) => requestParsed(occupancySchema, '/api/placements/occupancy', { signal }),
  });
}

export function useReceptions(from: string, to: string) {
  return useQuery({
    queryKey: placementKeys.receptions(from, to),
    queryFn: ({ signal }) =>
      requestParsed(receptionsSchema, `/api/placements/receptions${queryString({ from, to })}`, { signal }),
  });
}
