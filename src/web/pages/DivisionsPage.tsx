import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { divisionContains } from '../api/reference.ts';
import { ReferenceBrowser } from '../components/ReferenceBrowser.tsx';

/** China's administrative divisions (GB/T 2260): province → city → county → town. */
export function DivisionsPage() {
  const { t } = useTranslation();
  return (
    <ReferenceBrowser
      kind="divisions"
      title={t('divisions.title')}
      description={t('divisions.description')}
      rootLabel={t('divisions.root')}
      searchPlaceholder={t('divisions.searchPlaceholder')}
      isLeaf={(node) => node.level === 'town'}
      contains={divisionContains}
      nameOf={(node) => node.name}
      renderName={(node) => (
        <Text size="sm" fw={500}>
          {node.name}
        </Text>
      )}
    />
  );
}
