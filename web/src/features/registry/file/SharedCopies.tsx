import { TeamOutlined } from '@ant-design/icons';
import { type FamilyCopies, familyCopiesSchema } from '@contract/registry/child.js';
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { requestParsed } from '../../../app/api/client';

/**
 * Where a change to this person's situations is also written: the same person on the household
 * siblings' files (issue 17). Read afresh each time a dialog opens; its `copies` goes back with the
 * change, so a copy changed meanwhile is refused rather than overwritten.
 */
export function useFamilyCopies(childId: string, memberId: string | null) {
  return useQuery({
    queryKey: ['children', 'familyCopies', childId, memberId],
    enabled: Boolean(memberId),
    gcTime: 0,
    staleTime: 0,
    queryFn: ({ signal }) =>
      requestParsed(
        familyCopiesSchema,
        `/api/children/${encodeURIComponent(childId)}/family/${encodeURIComponent(memberId ?? '')}/copies`,
        { signal },
      ),
  });
}

/** Said before saving: the fact belongs to the family, so the siblings' files get it too. */
export function SharedCopiesNotice({ copies }: { copies: FamilyCopies | undefined }) {
  const { t } = useTranslation();
  if (!copies) return null;
  const count = copies.siblings.length + copies.outsideScope;
  if (count === 0) return null;
  const names = copies.siblings.map((s) => s.name).join(t('registry.family.separator'));
  return (
    <Alert
      type="info"
      showIcon
      icon={<TeamOutlined aria-hidden />}
      className="haven-shared-copies"
      message={t('registry.family.sharedWith', { count })}
      description={
        <>
          {names && <div>{t('registry.family.sharedNames', { names })}</div>}
          {copies.outsideScope > 0 && <div>{t('registry.family.sharedOutside', { count: copies.outsideScope })}</div>}
        </>
      }
    />
  );
}
