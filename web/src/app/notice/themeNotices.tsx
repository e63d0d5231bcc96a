import { ConfigProvider, type ThemeConfig } from 'antd';
import type { Locale } from 'antd/es/locale';
import { useEffect } from 'react';

/**
 * antd 5's static pieces (`message` behind useNotice, `Modal.confirm`) render in their own React root
 * and read neither the app's ConfigProvider theme nor its locale; `holderRender` wraps them in one
 * with the same theme, so a notice has elder mode's 18 px text, the accessible colours, the phone
 * sizes and no animation when the reader asked for reduced motion. antd reads it each time a notice
 * is shown, so a change of elder mode or language applies to the next notice.
 */
export function useThemedNotices(theme: ThemeConfig, locale: Locale): void {
  useEffect(() => {
    ConfigProvider.config({
      holderRender: (children) => (
        <ConfigProvider locale={locale} theme={theme} button={{ autoInsertSpace: false }}>
          {children}
        </ConfigProvider>
      ),
    });
    return () => ConfigProvider.config({ holderRender: undefined });
  }, [theme, locale]);
}
