import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProfileSection } from './ProfileSection.tsx';
import type { CompanySectionProps } from './sections.tsx';

/** Other registry entries with the same normalised name; shown only when there are some. */
export function LikelyDuplicates({ detail }: CompanySectionProps) {
  const { t } = useTranslation();
  if (detail.likelyDuplicates.length === 0) return null;
  return (
    <ProfileSection title={t('profile.duplicates.title')} testId="likely-duplicates">
      <Text size="sm" c="dimmed">
        {t('profile.duplicates.description')}
      </Text>
      <Stack gap={4}>
        {detail.likelyDuplicates.map((item) => (
          <Group key={item.id} gap="sm">
            <Anchor component={Link} to={`/companies/${item.id}`} size="sm">
              {item.nameZh}
            </Anchor>
            <Text size="sm" ff="monospace" c="dimmed">
              {item.creditCode}
            </Text>
          </Group>
        ))}
      </Stack>
    </ProfileSection>
  );
}
