import type { MyWork } from '@contract/my-work/my-work.js';
import type { TFunction } from 'i18next';

/** One line of a "my work" section, as the feature that owns the section words it. */
export interface WorkItemView {
  key: string;
  title: string;
  detail?: string;
  /** The page where the work is done. */
  to?: string;
  dueAt: string | null;
  overdue: boolean;
}

export type WorkSectionKey = keyof MyWork;

/**
 * How a feature shows its inbox section on the my-work page: a `work.tsx` beside its `routes.tsx`
 * exports `work: FeatureWork`, so a new section is listed without editing the page.
 */
export type FeatureWork = {
  [K in WorkSectionKey]?: (item: MyWork[K][number], t: TFunction, language: string) => WorkItemView;
};
