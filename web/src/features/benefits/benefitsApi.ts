import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ApplicationActionInput,
  type ApplyInput,
  applicationListSchema,
  applicationViewSchema,
  benefitTypesSchema,
} from '@contract/benefits/applications.js';
import { calendarLoadAcceptedSchema, calendarViewSchema, type CalendarYearInput } from '@contract/calendar/calendar.js';
import { childListPageSchema } from '@contract/registry/search.js';
import { queryString, requestParsed } from '../../app/api/client';

export function useApplications(filters: { status?: string | undefined }, page: number) {
  return useQuery({
    queryKey: ['benefits', 'list', filters, page],
    queryFn: ({ signal }) =>
      requestParsed(
        applicationListSchema,
        `/api/benefits/applications${queryString({ ...filters, limit: 20, offset: (page - 1) * 20 })}`,
        { signal },
      ),
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: ['benefits', 'one', id],
    queryFn: ({ signal }) => requestParsed(applicationViewSchema, `/api/benefits/applications/${id}`, { signal }),
  });
}

export function useBenefitTypes(division: string | undefined) {
  return useQuery({
    queryKey: ['benefits', 'types', division],
    enabled: division !== undefined,
    queryFn: ({ signal }) =>
      requestParsed(benefitTypesSchema, `/api/benefits/types${queryString({ division })}`, { signal }),
  });
}

export function useChildSearch(q: string) {
  return useQuery({
    queryKey: ['benefits', 'children', q],
    enabled: q.trim().length > 0,
    queryFn: ({ signal }) =>
      requestParsed(childListPageSchema, `/api/children${queryString({ q, pageSize: 10 })}`, { signal }),
  });
}

const key = () => crypto.randomUUID();

export function useApply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ApplyInput) =>
      requestParsed(applicationViewSchema, '/api/benefits/applications', {
        method: 'POST',
        body: input,
        headers: { 'Idempotency-Key': key() },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['benefits'] }),
  });
}

export function useAct(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ApplicationActionInput) =>
      requestParsed(applicationViewSchema, `/api/benefits/applications/${id}/actions`, {
        method: 'POST',
        body: input,
        headers: { 'Idempotency-Key': key() },
      }),
    onSuccess: (view) => {
      client.setQueryData(['benefits', 'one', id], view);
      return client.invalidateQueries({ queryKey: ['benefits', 'list'] });
    },
  });
}

export function useCalendar() {
  return useQuery({
    queryKey: ['calendar'],
    queryFn: ({ signal }) => requestParsed(calendarViewSchema, '/api/calendar', { signal }),
    // While a load's deadlines are recomputed (a job, minutes at 1M), its batches done are read again.
    refetchInterval: (query) => (query.state.data?.recompute ? 2_000 : false),
  });
}

export function useLoadCalendar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ year, input }: { year: number; input: CalendarYearInput }) =>
      requestParsed(calendarLoadAcceptedSchema, `/api/calendar/${year}`, { method: 'PUT', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['calendar'] }),
  });
}

/** Fen as yuan with two decimals (amounts are integers in fen everywhere else). */
export function yuan(fen: number | null): string {
  return fen === null ? '—' : `¥${(fen / 100).toFixed(2)}`;
}
