import { useTranslation } from 'react-i18next';
import { RelatedCompanies } from './RelatedCompanies.tsx';
import type { CompanySectionProps } from './sections.tsx';

/** Registry entries whose names differ from this one by a word or a character; shown only when there are some. */
export function SimilarNames({ detail }: CompanySectionProps) {
  const { t } = useTranslation();
  return (
    <RelatedCompanies
      title={t('profile.similarNames.title')}
      description={t('profile.similarNames.description')}
      testId="similar-names"
      items={detail.similarNames}
      note={(item) => t('profile.similarNames.similarity', { percent: Math.round(item.similarity * 100) })}
    />
  );
}
