import { ConfigProvider, theme as antdTheme } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../i18n/languages';
import { useThemedNotices } from '../notice/themeNotices';
import { useElderMode } from '../preferences/elderMode';
import { usePhoneLayout } from '../preferences/usePhoneLayout';
import { useReducedMotion } from '../preferences/useReducedMotion';
import { buildTheme } from './theme';

const antdLocales = { 'zh-CN': zhCN, en: enUS } satisfies Record<Language, typeof zhCN>;

/** Body text follows the theme, so elder mode enlarges every page and not only antd's controls. */
function BaseText({ elderMode, children }: { elderMode: boolean; children: ReactNode }) {
  const { token } = antdTheme.useToken();
  const style = { fontSize: token.fontSize, lineHeight: token.lineHeight, color: token.colorText };
  return (
    <div className={elderMode ? 'haven-app haven-elder' : 'haven-app'} style={style}>
      {children}
    </div>
  );
}

export function ThemedConfigProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const { elderMode } = useElderMode();
  const phone = usePhoneLayout();
  const reducedMotion = useReducedMotion();
  const theme = useMemo(() => buildTheme({ elderMode, phone, reducedMotion }), [elderMode, phone, reducedMotion]);
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'zh-CN';
  useThemedNotices(theme, antdLocales[language]);

  return (
    // autoInsertSpace off: antd would render 登录 as "登 录", and voice control users say "登录".
    <ConfigProvider locale={antdLocales[language]} theme={theme} button={{ autoInsertSpace: false }}>
      <BaseText elderMode={elderMode}>{children}</BaseText>
    </ConfigProvider>
  );
}
