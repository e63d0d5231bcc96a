import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type LiftSuspensionInput,
  type PaymentRunInput,
  paymentRunListSchema,
  paymentRunViewSchema,
  type RenewalActionInput,
  renewalListSchema,
  renewalViewSchema,
  type SuspendInput,
  suspensionViewSchema,
} from '@contract/benefits/payments.js';
import { queryString, requestFile, requestParsed } from '../../app/api/client';

export function usePaymentRuns(page: number) {
  return useQuery({
    queryKey: ['payments', 'list', page],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      requestParsed(paymentRunListSchema, `/api/benefits/payment-runs${queryString({ page, pageSize: 24 })}`, {
        signal,
      }),
  });
}

export function usePaymentRun(id: string, page: number) {
  return useQuery({
    queryKey: ['payments', 'one', id, page],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      requestParsed(paymentRunViewSchema, `/api/benefits/payment-runs/${id}${queryString({ page, pageSize: 50 })}`, {
        signal,
      }),
  });
}

export function useRunPayments() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PaymentRunInput) =>
      requestParsed(paymentRunViewSchema, '/api/benefits/payment-runs', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['payments'] }),
  });
}

/** The finance office's ledger (.xlsx); the download is audited by the server. */
export async function downloadLedger(id: string): Promise<void> {
  const { blob, filename } = await requestFile(`/api/benefits/payment-runs/${id}/ledger.xlsx`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? 'payment-ledger.xlsx';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useRenewals(status: string | undefined) {
  return useQuery({
    queryKey: ['renewals', 'list', status],
    queryFn: ({ signal }) =>
      requestParsed(renewalListSchema, `/api/benefits/renewals${queryString({ status })}`, { signal }),
  });
}

export function useActOnRenewal(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RenewalActionInput) =>
      requestParsed(renewalViewSchema, `/api/benefits/renewals/${id}/actions`, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['renewals'] }),
  });
}

/** Suspend an approved benefit's payments from a month, or lift an open suspension (with or without arrears). */
export function useSuspension(applicationId: string) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['benefits', 'one', applicationId] }),
      client.invalidateQueries({ queryKey: ['payments'] }),
    ]);
  const headers = () => ({ 'Idempotency-Key': crypto.randomUUID() });
  const suspend = useMutation({
    mutationFn: (input: SuspendInput) =>
      requestParsed(suspensionViewSchema, `/api/benefits/applications/${applicationId}/suspensions`, {
        method: 'POST',
        body: input,
        headers: headers(),
      }),
    onSuccess: refresh,
  });
  const lift = useMutation({
    mutationFn: ({ suspensionId, ...input }: LiftSuspensionInput & { suspensionId: string }) =>
      requestParsed(suspensionViewSchema, `/api/benefits/suspensions/${suspensionId}/lift`, {
        method: 'POST',
        body: input,
        headers: headers(),
      }),
    onSuccess: refresh,
  });
  return { suspend, lift };
}
