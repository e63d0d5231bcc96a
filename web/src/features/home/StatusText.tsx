import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { theme } from 'antd';
import type { ReactNode } from 'react';

export type StatusTone = 'good' | 'warning' | 'bad';

/** A state shown by colour, icon and words together, never by colour alone. */
export function StatusText({ tone, children }: { tone: StatusTone; children: ReactNode }) {
  const { token } = theme.useToken();
  const look = {
    good: { color: token.colorSuccess, icon: <CheckCircleFilled aria-hidden /> },
    warning: { color: token.colorWarning, icon: <ExclamationCircleFilled aria-hidden /> },
    bad: { color: token.colorError, icon: <CloseCircleFilled aria-hidden /> },
  }[tone];
  return (
    <span className="haven-status-text" style={{ color: look.color }}>
      {look.icon} {children}
    </span>
  );
}
