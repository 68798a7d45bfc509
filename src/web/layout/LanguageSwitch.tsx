import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, isLanguage, toLanguage } from '../i18n/index.ts';

/** zh-CN / en switch; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = toLanguage(i18n.resolvedLanguage ?? i18n.language) ?? 'zh-CN';
  return (
    <SegmentedControl
      size="xs"
      value={value}
      aria-label={t('lang.label')}
      data-testid="language-switch"
      onChange={(next) => {
        if (isLanguage(next)) chooseLanguage(next);
      }}
      data={[
        { value: 'zh-CN', label: t('lang.zhCN') },
        { value: 'en', label: t('lang.en') },
      ]}
    />
  );
}
