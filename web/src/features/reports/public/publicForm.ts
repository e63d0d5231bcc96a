import { ApiError } from '../../../app/api/client';

/** What the public report form holds, its fields in order, and how problems reach them (PublicReportPage). */
export interface PublicValues {
  immediateDanger?: boolean;
  situations: number[];
  description: string;
  divisionCode?: string;
  address: string;
  childDescription: string;
  anonymous: boolean;
  name: string;
  phone: string;
}

export type FieldName =
  | 'immediateDanger'
  | 'situations'
  | 'description'
  | 'divisionCode'
  | 'address'
  | 'childDescription'
  | 'phone';
export type Problems = Partial<Record<FieldName, string>>;

// In the order they appear: the first one with a problem gets the focus.
export const fieldOrder: FieldName[] = [
  'immediateDanger',
  'situations',
  'description',
  'childDescription',
  'divisionCode',
  'address',
  'phone',
];
export const fieldIds: Record<FieldName, string> = {
  immediateDanger: 'publicReport_immediateDanger',
  situations: 'publicReport_situations',
  description: 'publicReport_description',
  childDescription: 'publicReport_childDescription',
  divisionCode: 'publicReport_divisionCode',
  address: 'publicReport_address',
  phone: 'publicReport_phone',
};

export const emptyValues: PublicValues = {
  situations: [],
  description: '',
  address: '',
  childDescription: '',
  anonymous: true,
  name: '',
  phone: '',
};

/** The server's per-field problems (`body.description`) next to their fields; whether any found one. */
export function serverProblems(error: unknown): Problems {
  const problems: Problems = {};
  if (!(error instanceof ApiError)) return problems;
  for (const problem of error.fieldProblems) {
    const field = problem.path.replace(/^(body|query)\./, '').split('.')[0] ?? '';
    const name = (field === 'reporter' ? 'phone' : field) as FieldName;
    if (fieldOrder.includes(name))
      problems[name] = problems[name] ? `${problems[name]} ${problem.message}` : problem.message;
  }
  return problems;
}

export function focusFirst(problems: Problems): void {
  const first = fieldOrder.find((name) => problems[name]);
  const element = first ? document.getElementById(fieldIds[first]) : null;
  const target = element?.matches('input, textarea') ? element : element?.querySelector<HTMLElement>('input');
  target?.scrollIntoView({ block: 'center' });
  target?.focus({ preventScroll: true });
}
