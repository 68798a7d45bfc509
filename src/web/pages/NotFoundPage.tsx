import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Stack align="center" gap="md" py={80} data-testid="not-found">
      <Text fz={64} fw={800} c="gray.4" lh={1}>
        404
      </Text>
      <Title order={1} size="h2">
        {t('notFound.title')}
      </Title>
      <Text c="dimmed" ta="center">
        {t('notFound.body', { path: location.pathname })}
      </Text>
      <Button component={Link} to="/" data-testid="not-found-home">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
