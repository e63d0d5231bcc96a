import { useCallback, useState } from 'react';
import { ContractViolationError } from './contract';

/**
 * For answers read in an event handler (a form's submit), which no error boundary sees: an answer
 * that breaks the contract is thrown again during render, so it reaches the page's error boundary
 * like a query's. Returns true when it took the error (the caller then shows nothing of its own).
 */
export function useContractFailure(): (error: unknown) => boolean {
  const [, setFailure] = useState<null>(null);
  return useCallback((error: unknown) => {
    if (!(error instanceof ContractViolationError)) return false;
    setFailure(() => {
      throw error;
    });
    return true;
  }, []);
}
