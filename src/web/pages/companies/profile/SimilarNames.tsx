import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProfileSection } from './ProfileSection.tsx';
import type { CompanySectionProps } from './sections.tsx';

/** Registry entries whose names differ from this one by a word or a character; shown only when there are some. */
export function SimilarNames({ detail }: CompanySectionProps) {
  const { t } = useTranslation();
  if (detail.similarNames.length === 0) return null;
  return (
    <ProfileSection title={t('profile.similarNames.title')} testId="similar-names">
      <Text size="sm" c="dimmed">
        {t('profile.similarNames.description')}
      </Text>
      <Stack gap={4}>
        {detail.similarNames.map((item) => (
          <Group key={item.id} gap="sm">
            <Anchor component={Link} to={`/companies/${item.id}`} size="sm">
              {item.nameZh}
            </Anchor>
            <Text size="sm" ff="monospace" c="dimmed">
              {item.creditCode}
            </Text>
            <Text size="xs" c="dimmed">
              {t('profile.similarNames.similarity', { percent: Math.round(item.similarity * 100) })}
            </Text>
          </Group>
        ))}
      </Stack>
    </ProfileSection>
  );
}
