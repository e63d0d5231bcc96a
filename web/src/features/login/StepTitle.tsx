import { Typography } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The heading of a sign-in step. When a later step replaces an earlier one, focus moves to its
 * heading so screen readers announce the new step; the first step keeps focus where it is.
 */
export function StepTitle({ children, focusOnShow = true }: { children: ReactNode; focusOnShow?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnShow) ref.current?.focus();
  }, [focusOnShow]);
  return (
    <Typography.Title level={1} className="haven-login-title" tabIndex={-1} ref={ref}>
      {children}
    </Typography.Title>
  );
}
