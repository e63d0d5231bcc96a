import { Button, Switch } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n';
import type { Language } from '../i18n/languages';
import { useElderMode } from '../preferences/elderMode';

const otherLanguage: Record<Language, Language> = { 'zh-CN': 'en', en: 'zh-CN' };

/** Shows the other language in its own script, so a reader who cannot read this one finds it. */
function LanguageSwitch() {
  const { t } = useTranslation();
  const target = otherLanguage[currentLanguage()];
  return (
    <Button type="text" lang={target} title={t('language.switchToHint')} onClick={() => void changeLanguage(target)}>
      {t('language.switchTo')}
    </Button>
  );
}

function ElderModeSwitch() {
  const { t } = useTranslation();
  const { elderMode, setElderMode } = useElderMode();
  const labelId = useId();
  // The label wraps the switch so the whole 44 px row is one touch target.
  return (
    <label className="haven-elder-switch" title={t('elderMode.hint')}>
      <Switch checked={elderMode} onChange={setElderMode} aria-labelledby={labelId} />
      <span id={labelId}>{t('elderMode.label')}</span>
    </label>
  );
}

export function PreferenceControls() {
  const { t } = useTranslation();
  return (
    <div className="haven-preferences" role="group" aria-label={t('shell.userControls')}>
      <LanguageSwitch />
      <ElderModeSwitch />
    </div>
  );
}
