import { Anchor, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Company } from '../../api/companies.ts';

/**
 * The companies whose name begins with the search word (上汽大众…, 上海上汽…), shown above a search's first page:
 * in name order they would be among every name that merely contains it.
 */
export function BestMatches({ q, companies }: { q: string; companies: Company[] }) {
  const { t } = useTranslation();
  if (!companies.length) return null;
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      bg="var(--mantine-color-blue-light)"
      data-testid="registry-best-matches"
    >
      <Text size="sm" fw={500} mb={4}>
        {t('registry.bestMatches', { q })}
      </Text>
      <Group gap="lg">
        {companies.map((company) => (
          <Group key={company.id} gap={6} wrap="nowrap">
            <Anchor component={Link} to={`/companies/${company.id}`} size="sm">
              {company.nameZh}
            </Anchor>
            <Text size="xs" c="dimmed" ff="monospace">
              {company.creditCode}
            </Text>
          </Group>
        ))}
      </Group>
    </Paper>
  );
}
