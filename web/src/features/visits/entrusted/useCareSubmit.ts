import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/client';
import { describeApiError } from '../../../app/api/describeApiError';
import { useNotice } from '../../../app/notice/useNotice';
import type { ChildEntrustedCare } from './entrustedApi';

/**
 * Sends one of the care's forms: the answer (the child's care as it is now) replaces the page's copy,
 * the due lists and my work are refetched; a refusal is shown above the form and next to each field
 * date field the server names (`body.startedOn` → `startedOn`, `body.end.on` → `endOn`).
 */
export function useCareSubmit<V>(form: FormInstance<V>, childId: string, dateFields: readonly string[]) {
  const { t } = useTranslation();
  const notice = useNotice();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (send: () => Promise<ChildEntrustedCare>, done: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const result = await send();
      queryClient.setQueryData(['entrusted', 'child', childId], result);
      await queryClient.invalidateQueries({ queryKey: ['entrusted', 'due'] });
      await queryClient.invalidateQueries({ queryKey: ['my-work'] });
      notice.success(done);
      return true;
    } catch (caught) {
      if (caught instanceof ApiError) {
        form.setFields(
          caught.fieldProblems
            .map((p) => ({ name: p.path.replace(/^body\./, '').replace('end.on', 'endOn'), errors: [p.message] }))
            .filter((f) => dateFields.includes(f.name)) as never,
        );
      }
      setError(describeApiError(caught, t));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}
