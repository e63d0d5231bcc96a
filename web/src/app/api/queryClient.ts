import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';
import { ContractViolationError } from './contract';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Village directors work on weak mobile signal: retry network failures, but a 4xx will not
        // change by asking again.
        retry: (failureCount, error) =>
          failureCount < 2 &&
          !(error instanceof ContractViolationError) &&
          !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        // An answer that breaks the contract goes to the page's error boundary, never shown as "—".
        throwOnError: (error) => error instanceof ContractViolationError,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
}
