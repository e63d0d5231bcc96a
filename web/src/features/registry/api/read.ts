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

export function list<T>(value: unknown, parse: (item: Obj) => T | null): T[] {
  return Array.isArray(value)
    ? value.flatMap((item) => (isRecord(item) ? [parse(item)].filter((parsed): parsed is T => parsed !== null) : []))
    : [];
}

export function oneOf<T extends string>(value: unknown, options: readonly T[]): T | null {
  return typeof value === 'string' && (options as readonly string[]).includes(value) ? (value as T) : null;
}

/** A reason as the server explains it: a stable code with parameters, maybe a translated message. */
export interface Reason {
  code: string;
  params: Obj;
  message: string | null;
}

export function reasons(value: unknown): Reason[] {
  return list(value, (item) => {
    const code = str(item.code);
    return code ? { code, params: obj(item.params), message: str(item.message) } : null;
  });
}
