import { lazy, Suspense, useCallback, useState } from 'react';

export interface AcknowledgeTarget {
  id: string;
  refNo: string;
  immediateDanger: boolean;
}

export interface AcknowledgeRequest {
  report: AcknowledgeTarget;
  resolve: (acknowledged: boolean) => void;
}

const AcknowledgeConfirm = lazy(() => import('./AcknowledgeConfirm'));

/**
 * 确认收到 is a legal act: it stops my organisation's acknowledgement clock (met, or missed when
 * late) and cannot be taken back. So it asks first, says what happens next, and afterwards says
 * what to do now (AcknowledgeConfirm.tsx, loaded on the first click). `holder` is rendered by the page.
 */
export function useAcknowledge() {
  const [request, setRequest] = useState<AcknowledgeRequest | null>(null);
  const [used, setUsed] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const acknowledge = useCallback(
    (report: AcknowledgeTarget): Promise<boolean> =>
      new Promise((resolve) => {
        setUsed(true);
        // Until the dialog's code has arrived (the first time), the button shows it is working.
        setBusy(report.id);
        setRequest({ report, resolve });
      }),
    [],
  );
  const settled = useCallback(() => setRequest(null), []);
  const holder = used ? (
    <Suspense fallback={null}>
      <AcknowledgeConfirm request={request} onBusy={setBusy} onSettled={settled} />
    </Suspense>
  ) : null;
  return { acknowledge, busy, holder };
}
