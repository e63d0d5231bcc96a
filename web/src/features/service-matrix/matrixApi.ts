import {
  type MatrixCell,
  type MatrixEdit,
  matrixProvidersSchema,
  matrixReportSchema,
  matrixViewSchema,
} from '@contract/service-matrix/views.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export type { MatrixCell, MatrixProvider, MatrixReport, MatrixView } from '@contract/service-matrix/views.js';
export { responsibilityCodes, type Responsibility, serviceCodes } from '@contract/service-matrix/vocabulary.js';

const query = (division: string, asOf: string | undefined) =>
  new URLSearchParams({ division, ...(asOf ? { asOf } : {}) }).toString();

export function useMatrix(division: string, asOf?: string) {
  return useQuery({
    queryKey: ['service-matrix', division, asOf ?? null],
    enabled: /^\d{12}$/.test(division),
    queryFn: ({ signal }) =>
      requestParsed(matrixViewSchema, `/api/service-matrix?${query(division, asOf)}`, { signal }),
  });
}

export function useMatrixReport(division: string, asOf?: string) {
  return useQuery({
    queryKey: ['service-matrix-report', division, asOf ?? null],
    enabled: /^\d{12}$/.test(division),
    queryFn: ({ signal }) =>
      requestParsed(matrixReportSchema, `/api/service-matrix/report?${query(division, asOf)}`, { signal }),
  });
}

/** Routing by the matrix: who provides a service to children of a place, the suggested lead first. */
export function useMatrixProviders(division: string | undefined, service: string | undefined) {
  return useQuery({
    queryKey: ['service-matrix-providers', division ?? null, service ?? null],
    enabled: division !== undefined && /^\d{12}$/.test(division) && service !== undefined,
    staleTime: 60_000,
    queryFn: ({ signal }) =>
      requestParsed(
        matrixProvidersSchema,
        `/api/service-matrix/providers?${new URLSearchParams({ division: division ?? '', service: service ?? '' })}`,
        { signal },
      ),
  });
}

export function saveMatrix(division: string, edit: MatrixEdit) {
  return requestParsed(matrixViewSchema, `/api/service-matrix/${division}`, { method: 'PUT', body: edit });
}

export type { MatrixCell as Cell };
