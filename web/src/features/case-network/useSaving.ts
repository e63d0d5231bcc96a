import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { ApiError } from '../../app/api/client';
import { useNotice } from '../../app/notice/useNotice';

/**
 * One write at a time with its idempotency key (kept until it succeeds, so a retry replays it), a
 * notice in the reader's language, and the lists that change afterwards refreshed. A stale action
 * (409) refreshes too, so the reader sees the status the server names.
 */
export function useSaving() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  // Outlives the caller (app/notice/useNotice.ts): a transferred case leaves its list on refresh.
  const notice = useNotice();

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['case-network'] });
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
    void queryClient.invalidateQueries({ queryKey: ['referrals'] });
    void queryClient.invalidateQueries({ queryKey: ['my-work'] });
  };

  async function save(work: (idempotencyKey: string) => Promise<unknown>, done: string): Promise<boolean> {
    setBusy(true);
    try {
      await work(key);
      setKey(crypto.randomUUID());
      refresh();
      void notice.success(done);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) refresh();
      void notice.error(describeApiError(error, t));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, save };
}
