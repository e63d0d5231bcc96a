import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the server's per-field problems (`error.details`, paths like `body.newPassword`) next to
 * the fields they are about. Answers whether any problem found its field; the caller shows the
 * rest (and the overall message) above the form.
 */
export function showFieldProblems(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const byField = new Map<string, string[]>();
  for (const problem of error.fieldProblems) {
    const field = problem.path.replace(/^(body|query)\./, '').split('.')[0] ?? '';
    if (!fields.includes(field)) continue;
    byField.set(field, [...(byField.get(field) ?? []), problem.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
