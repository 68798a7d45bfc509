import { Anchor, Breadcrumbs, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The breadcrumb back to the registry, the page title and its one-line description. */
export function RegistrySubpageHeader({
  crumb,
  title,
  description,
}: {
  crumb: string;
  title: string;
  description: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Breadcrumbs separator="›">
        <Anchor component={Link} to="/companies" size="sm">
          {t('registry.title')}
        </Anchor>
        <Text size="sm">{crumb}</Text>
      </Breadcrumbs>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed">{description}</Text>
      </Stack>
    </>
  );
}
