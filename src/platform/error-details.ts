import { z } from 'zod';

/*
 * What an error may tell the caller beyond its message (issue 12, item 2). Details are an
 * allow-list: each error code declares the shape of its details, and the error mapper sends only
 * what the declaration keeps. A raw database row can therefore never reach a client, whatever a
 * service puts into an error.
 */

const primitive = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One problem with one field: where, which rule, in words (when worded), with the rule's numbers. */
export const fieldProblemSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string().optional(),
  params: z.record(z.string(), z.union([primitive, z.array(z.string())])).optional(),
});

/** Every code may list field problems: the generic, safe shape of a refused input. */
export const fieldProblemsSchema = z.array(fieldProblemSchema);

const declared = new Map<string, z.ZodType>([
  ['stale_version', z.object({ entity: z.string(), id: z.string(), currentVersion: z.number().int() })],
  ['rate_limited', z.object({ retryAfterMs: z.number() })],
]);

/** A feature declares the details one of its codes carries (at import time, like its messages). */
export function declareErrorDetails(code: string, schema: z.ZodType): void {
  declared.set(code, schema);
}

export interface AllowedDetails {
  /** What may be sent; undefined when nothing is declared or nothing fits. */
  details: unknown;
  /** Paths of what was left out (for the server's log; never sent). */
  dropped: string[];
}

/** Keeps the part of `details` that the code's declaration (or the field-problem shape) allows. */
export function allowedDetails(code: string, details: unknown): AllowedDetails {
  if (details === undefined) return { details: undefined, dropped: [] };
  const schema = declared.get(code);
  const candidates = schema ? [schema] : [];
  if (Array.isArray(details)) candidates.push(fieldProblemsSchema);
  for (const candidate of candidates) {
    const parsed = candidate.safeParse(details);
    if (parsed.success) return { details: parsed.data, dropped: droppedPaths(details, parsed.data, '') };
  }
  return { details: undefined, dropped: ['(all)'] };
}

function droppedPaths(given: unknown, kept: unknown, at: string): string[] {
  if (Array.isArray(given)) {
    if (!Array.isArray(kept)) return [at || '(all)'];
    return given.flatMap((item, index) => droppedPaths(item, kept[index], `${at}[${index}]`));
  }
  if (isPlainObject(given)) {
    if (!isPlainObject(kept)) return [at || '(all)'];
    return Object.keys(given).flatMap((key) => {
      const path = at ? `${at}.${key}` : key;
      if (given[key] === undefined) return [];
      return key in kept ? droppedPaths(given[key], kept[key], path) : [path];
    });
  }
  return [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
