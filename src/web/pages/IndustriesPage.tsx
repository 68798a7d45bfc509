import { useTranslation } from 'react-i18next';
import { industryContains } from '../api/reference.ts';
import { BilingualName } from '../components/BilingualName.tsx';
import { ReferenceBrowser } from '../components/ReferenceBrowser.tsx';
import { pickName } from '../i18n/index.ts';

/** GB/T 4754-2017 industrial classification: section → division → group → class. */
export function IndustriesPage() {
  const { t, i18n } = useTranslation();
  return (
    <ReferenceBrowser
      kind="industries"
      title={t('industries.title')}
      description={t('industries.description')}
      rootLabel={t('industries.root')}
      searchPlaceholder={t('industries.searchPlaceholder')}
      isLeaf={(node) => node.level === 'class'}
      contains={industryContains}
      nameOf={(node) => `${node.code} ${pickName(i18n.language, node.nameZh, node.nameEn)}`}
      renderName={(node) => <BilingualName nameZh={node.nameZh} nameEn={node.nameEn} />}
    />
  );
}
