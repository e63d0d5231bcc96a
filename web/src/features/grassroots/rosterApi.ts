import { caseloadSchema, coverageSchema, rosterListSchema } from '@contract/grassroots/roster.js';
import { useQuery } from '@tanstack/react-query';
import { requestParsed } from '../../app/api/client';

export function useRoster() {
  return useQuery({
    queryKey: ['roster', 'list'],
    queryFn: ({ signal }) => requestParsed(rosterListSchema, '/api/roster', { signal }),
  });
}

export function useCoverage() {
  return useQuery({
    queryKey: ['roster', 'coverage'],
    queryFn: ({ signal }) => requestParsed(coverageSchema, '/api/roster/coverage', { signal }),
  });
}

export function useCaseload() {
  return useQuery({
    queryKey: ['roster', 'caseload'],
    queryFn: ({ signal }) => requestParsed(caseloadSchema, '/api/roster/caseload', { signal }),
  });
}
