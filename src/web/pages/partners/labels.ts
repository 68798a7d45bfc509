import { useTranslation } from 'react-i18next';
import type { PartnerKind } from '../../../domain/pipeline-enums.ts';
import type { Scorecard } from '../../api/partners.ts';

export function usePartnerLabels() {
  const { t, i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return {
    kind: (kind: PartnerKind) => t(`partners.kinds.${kind}`),
    conversion: (card: Scorecard) => (card.conversion === null ? '—' : percent.format(card.conversion)),
    medianDays: (card: Scorecard) =>
      card.medianDaysLeadToSigned === null
        ? '—'
        : t('partners.days', { count: Math.round(card.medianDaysLeadToSigned) }),
  };
}
