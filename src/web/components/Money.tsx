import { Text, type TextProps, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isYuan, scaleYuan } from '../lib/money.ts';

/** The currency's name after 万/亿 (元, 美元) in Chinese, or its code in English; unknown codes as they are. */
export function useCurrencyLabel() {
  const { t } = useTranslation();
  return (currency: string | null | undefined) => {
    const code = currency || 'CNY';
    return t(`currencies.${code}`, { defaultValue: code });
  };
}

/** Formats whole yuan as 万元 / 亿元 text, and the exact amount for a tooltip. */
export function useMoneyFormat() {
  const { t, i18n } = useTranslation();
  const currencyLabel = useCurrencyLabel();
  const scaled = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const exact = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  return {
    short: (yuan: string, currency?: string | null) => {
      const { amount, unit } = scaleYuan(yuan);
      return t(unit === 'yi' ? 'money.yi' : 'money.wan', {
        amount: scaled.format(amount),
        currency: currencyLabel(currency),
      });
    },
    exact: (yuan: string, currency?: string | null) =>
      t('money.exact', { amount: exact.format(BigInt(yuan)), currency: currencyLabel(currency) }),
  };
}

export interface MoneyProps extends TextProps {
  yuan: string | null | undefined;
  currency?: string | null;
  testId?: string;
}

/** An amount in 万元 / 亿元, with the exact yuan on hover. */
export function Money({ yuan, currency, testId, ...textProps }: MoneyProps) {
  const { t } = useTranslation();
  const format = useMoneyFormat();
  if (!isYuan(yuan)) {
    return (
      <Text span size="sm" c="dimmed" {...textProps}>
        {t('common.notRecorded')}
      </Text>
    );
  }
  const exact = format.exact(yuan, currency);
  return (
    <Tooltip label={exact} withArrow openDelay={200}>
      <Text span size="sm" data-testid={testId} data-yuan={yuan} {...textProps}>
        {format.short(yuan, currency)}
      </Text>
    </Tooltip>
  );
}
