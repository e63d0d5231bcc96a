import type { FastifyInstance, FastifySchemaCompiler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import type { Locale } from '../i18n/locale.js';
import { messageCatalog, translate } from '../i18n/translate.js';
import { textProblems } from './text-rules.js';

/** Carries Zod's issues to the error mapper, which words them in the caller's language. */
export class RequestValidationError extends Error {
  constructor(
    readonly part: string,
    readonly issues: readonly $ZodIssue[],
  ) {
    super(`invalid ${part}`);
    this.name = 'RequestValidationError';
  }
}

/**
 * Every part of every request passes the same two rules before its route's schema: the text rule
 * (text-rules.ts) for each string, and, for the query string, no parameter the route does not
 * declare (a misspelt or unsupported filter must not be silently ignored).
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const part = httpPart ?? 'body';
  const declaredKeys = objectKeys(schema);
  return (data) => {
    // Only the headers a route declares are its input; others (user agents…) are not ours to judge.
    const checked =
      part === 'headers' && declaredKeys && isRecord(data)
        ? Object.fromEntries(Object.entries(data).filter(([key]) => declaredKeys.has(key)))
        : data;
    const issues: $ZodIssue[] = textProblems(checked, part).map(({ path, rule }) => ({
      code: 'custom',
      path,
      message: rule,
      input: undefined,
    }));
    if (part === 'querystring' && declaredKeys && isRecord(data)) {
      for (const key of Object.keys(data))
        if (!declaredKeys.has(key))
          issues.push({ code: 'custom', path: [key], message: 'validation.unknown_parameter', input: undefined });
    }
    if (issues.length > 0) return { error: new RequestValidationError(part, issues) };
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(part, result.error.issues) };
  };
};

/** The keys an object schema declares (through defaults, pipes and optional wrappers); undefined when it is not an object. */
function objectKeys(schema: z.ZodType): Set<string> | undefined {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodPipe) return objectKeys(schema.in as z.ZodType);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable)
    return objectKeys(schema.unwrap() as z.ZodType);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const noQuery = z.object({});

/**
 * A route that declares no query string takes none: `?anything` is a 400 like on list routes.
 * (The interactive documentation's static files are not ours.)
 */
export const declaredQueriesOnly = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (route.schema?.querystring) return;
    route.schema = { ...route.schema, querystring: noQuery };
  });
});

const zodLocales: Record<Locale, ReturnType<typeof z.locales.en>> = {
  'zh-CN': z.locales.zhCN(),
  en: z.locales.en(),
};

export interface FieldProblem {
  path: string;
  message: string;
  code: string;
}

/**
 * Schemas may name an i18n key as a custom message (e.g. `{ error: 'registry.id_check_digit' }`);
 * other issues get Zod's own wording in the caller's language. Our messages may name the field
 * (`{{field}}`, the last part of its path).
 */
export function localizeIssues(issues: readonly $ZodIssue[], locale: Locale, part: string): FieldProblem[] {
  const catalog = messageCatalog(locale);
  return issues.map((issue) => {
    const path = shown([part, ...issue.path.map(String)].join('.'));
    const own =
      issue.message && catalog[issue.message]
        ? translate(locale, issue.message, { field: fieldName(issue.path) })
        : undefined;
    const localized =
      own ??
      zodLocales[locale].localeError({ input: undefined, ...issue } as Parameters<
        (typeof zodLocales)['en']['localeError']
      >[0]);
    const message = typeof localized === 'string' ? localized : (localized?.message ?? issue.message);
    return { path, message, code: issue.message && own ? issue.message : issue.code };
  });
}

function fieldName(path: readonly PropertyKey[]): string {
  const named = [...path].reverse().find((segment) => typeof segment === 'string');
  const index = path.at(-1);
  return shown(
    typeof named === 'string' ? (typeof index === 'number' ? `${named}[${index}]` : named) : String(index ?? ''),
  );
}

/** A field name as the caller typed it may itself hold what the text rule refuses: show it harmless and short. */
function shown(name: string): string {
  const clean = name.replace(
    /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '?',
  );
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
