import { flowsResultSchema } from '@contract/insight/flows.js';
import {
  monthlyReportRequestResultSchema,
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

/** Generates (once) a place's report for a month; the server audits it. */
export function generateMonthlyReport(within: string, month: string) {
  return requestParsed(monthlyReportRequestResultSchema, '/api/insight/reports', {
    method: 'POST',
    body: { within, month },
  });
}

/** Downloads a monthly report as PDF or its numbers as .xlsx (the server audits each download). */
export function downloadMonthlyReport(id: string, format: 'pdf' | 'xlsx' = 'pdf'): Promise<void> {
  return download(`/api/insight/reports/${id}/report.${format}`, `report.${format}`);
}

/** Downloads the page's numbers (trends and one level down) as .xlsx, as the reader sees them. */
export function downloadProblemsWorkbook(within: string): Promise<void> {
  return download(`/api/insight/problems/export.xlsx${queryString({ within })}`, 'insight.xlsx');
}

async function download(path: string, fallback: string): Promise<void> {
  const { blob, filename } = await requestFile(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? fallback;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function labelOf(entry: { zh: string; en: string }, language: string): string {
  return language.startsWith('en') ? entry.en : entry.zh;
}

export function useFlows(within: string, month: string | undefined) {
  return useQuery({
    queryKey: ['insight', 'flows', within, month],
    enabled: month !== undefined,
    queryFn: ({ signal }) =>
      requestParsed(flowsResultSchema, `/api/insight/problems/flows${queryString({ within, month })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
