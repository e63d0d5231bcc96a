import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Around an antd Table that scrolls sideways on narrow screens (`scroll={{ x: 'max-content' }}`):
 * antd's scrolling box holds no focusable element when the rows have no links, so keyboard users
 * could not scroll it (WCAG 2.1.1). This makes that box a named, focusable region.
 */
export function TableFrame({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const box of ref.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body') ?? []) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', label);
    }
  });
  return <div ref={ref}>{children}</div>;
}
