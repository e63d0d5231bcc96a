import type { TFunction } from 'i18next';
import type { FeatureWork, WorkItemView, WorkSectionKey } from './workSection';

const modules = import.meta.glob<{ work: FeatureWork }>('../*/work.tsx', { eager: true });
const views: Record<string, (item: never, t: TFunction, language: string) => WorkItemView> = Object.assign(
  {},
  ...Object.values(modules).map((module) => module.work),
);

/** Sections the page draws with their own components; every other section is a list of `WorkItemView`s. */
export const ownSections: readonly string[] = ['reportsToAcknowledge', 'caseSteps', 'alerts', 'stays', 'tracing'];

interface LooseItem {
  overdue?: boolean;
  dueAt?: string | null;
  dueOn?: string | null;
  childName?: string;
  title?: string;
}

/** A section no feature words yet still shows each item's child or title and its deadline, never nothing. */
function fallbackView(item: LooseItem, index: number): WorkItemView {
  return {
    key: String(index),
    title: item.childName ?? item.title ?? '—',
    dueAt: item.dueAt ?? item.dueOn ?? null,
    overdue: item.overdue === true,
  };
}

export function viewWorkItems(
  section: WorkSectionKey | string,
  items: readonly unknown[],
  t: TFunction,
  language: string,
): WorkItemView[] {
  const view = views[section];
  return items.map((item, index) =>
    view ? view(item as never, t, language) : fallbackView((item ?? {}) as LooseItem, index),
  );
}

/** Overdue items of the sections listed by `WorkSections`, for the page's one-line summary. */
export function otherSectionsOverdue(work: Record<string, unknown>): number {
  return Object.entries(work)
    .filter(([key, items]) => !ownSections.includes(key) && Array.isArray(items))
    .flatMap(([, items]) => items as { overdue?: boolean }[])
    .filter((item) => item?.overdue === true).length;
}
