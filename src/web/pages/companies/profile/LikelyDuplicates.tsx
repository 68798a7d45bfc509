import { useTranslation } from 'react-i18next';
import { RelatedCompanies } from './RelatedCompanies.tsx';
import type { CompanySectionProps } from './sections.tsx';

/** Other registry entries with the same normalised name; shown only when there are some. */
export function LikelyDuplicates({ detail }: CompanySectionProps) {
  const { t } = useTranslation();
  return (
    <RelatedCompanies
      title={t('profile.duplicates.title')}
      description={t('profile.duplicates.description')}
      testId="likely-duplicates"
      items={detail.likelyDuplicates}
    />
  );
}
