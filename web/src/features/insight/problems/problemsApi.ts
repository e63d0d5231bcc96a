import {
  monthlyReportsResultSchema,
  problemRowsResultSchema,
  problemsResultSchema,
  type RowIndicator,
} from '@contract/insight/problems.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryString, requestFile, requestParsed } from '../../../app/api/client';

export function useProblems(within: string) {
  return useQuery({
    queryKey: ['insight', 'problems', within],
    queryFn: ({ signal }) =>
      requestParsed(problemsResultSchema, `/api/insight/problems${queryString({ within })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProblemRows(within: string, indicator: RowIndicator | null) {
  return useQuery({
    queryKey: ['insight', 'problem-rows', within, indicator],
    enabled: indicator !== null,
    queryFn: ({ signal }) =>
      requestParsed(
        problemRowsResultSchema,
        `/api/insight/problems/rows${queryString({ within, indicator: indicator ?? undefined })}`,
        { signal },
      ),
  });
}

export function useMonthlyReports() {
  return useQuery({
    queryKey: ['insight', 'monthly-reports'],
    queryFn: ({ signal }) => requestParsed(monthlyReportsResultSchema, '/api/insight/reports', { signal }),
  });
}

/** Downloads a monthly report (the server audits each download). */
export async function downloadMonthlyReport(id: string): Promise<void> {
  const { blob, filename } = await requestFile(`/api/insight/reports/${id}/report.pdf`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? 'report.pdf';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function labelOf(entry: { zh: string; en: string }, language: string): string {
  return language.startsWith('en') ? entry.en : entry.zh;
}
