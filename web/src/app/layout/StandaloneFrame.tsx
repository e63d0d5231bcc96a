import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { usePhoneLayout } from '../preferences/usePhoneLayout';
import { ShellHeader } from './ShellHeader';
import { mainContentId, SkipLink } from './SkipLink';

/** Header and main area without the menu, for pages used before signing in. */
export function StandaloneFrame({ children }: { children: ReactNode }) {
  const phone = usePhoneLayout();
  return (
    <Layout className="haven-shell">
      <SkipLink />
      <ShellHeader showTagline={!phone} />
      <Layout.Content id={mainContentId} tabIndex={-1} className="haven-main haven-main-standalone">
        {children}
      </Layout.Content>
    </Layout>
  );
}
