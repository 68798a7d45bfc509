import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Shown in place of a page the signed-in user's role may not open. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="md" py={80} data-testid="forbidden">
      <Text fz={64} fw={800} c="gray.4" lh={1}>
        403
      </Text>
      <Title order={1} size="h2">
        {t('forbidden.title')}
      </Title>
      <Text c="dimmed" ta="center">
        {t('forbidden.body')}
      </Text>
      <Button component={Link} to="/">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
