import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import type { Locale } from '../i18n/locale.js';
import { messageCatalog } from '../i18n/translate.js';

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

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(httpPart ?? 'body', result.error.issues) };
  };

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
 * other issues get Zod's own wording in the caller's language.
 */
export function localizeIssues(issues: readonly $ZodIssue[], locale: Locale, part: string): FieldProblem[] {
  const catalog = messageCatalog(locale);
  return issues.map((issue) => {
    const path = [part, ...issue.path.map(String)].join('.');
    const own = issue.message && catalog[issue.message];
    const localized = own ?? zodLocales[locale].localeError({ input: undefined, ...issue } as Parameters<(typeof zodLocales)['en']['localeError']>[0]);
    const message = typeof localized === 'string' ? localized : (localized?.message ?? issue.message);
    return { path, message, code: issue.message && own ? issue.message : issue.code };
  });
}
