// Lenient readers kept only for my-work (another feature, still to move to @contract/my-work): delete then.

import { isRecord } from '../../../app/api/client';

// Lenient readers of API answers: a field the server leaves out or renames reads as "nothing"
// instead of breaking the page.

export type Obj = Record<string, unknown>;

export const obj = (value: unknown): Obj => (isRecord(value) ? value : {});
export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
export const bool = (value: unknown): boolean => value === true;
export const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
export const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number') : [];

export function list<T>(value: unknown, parse: (item: Obj) => T | null): T[] {
  return Array.isArray(value)
    ? value.flatMap((item) => (isRecord(item) ? [parse(item)].filter((parsed): parsed is T => parsed !== null) : []))
    : [];
}

export function oneOf<T extends string>(value: unknown, options: readonly T[]): T | null {
  return typeof value === 'string' && (options as readonly string[]).includes(value) ? (value as T) : null;
}

/** The name of a nested `{ id, name }` or a flat `fieldName`, whichever the server sends. */
export function nameOf(value: Obj, field: string): string | null {
  return str(obj(value[field]).name) ?? str(obj(value[field]).displayName) ?? str(value[`${field}Name`]);
}
