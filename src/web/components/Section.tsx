import { Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from './ErrorState.tsx';

interface SectionProps<T> {
  title: string;
  query: UseQueryResult<T[]>;
  empty: string;
  testId?: string;
  children: (items: T[]) => ReactNode;
}

/** A titled panel around one list query: loading skeleton, error with retry, empty text or content. */
export function Section<T>({ title, query, empty, testId, children }: SectionProps<T>) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {title}
          </Title>
          {query.data ? (
            <Badge variant="light" color="gray" aria-label={t('common.count')}>
              {query.data.length}
            </Badge>
          ) : null}
        </Group>
        {query.isPending ? (
          <Stack gap="xs">
            <Skeleton h={16} />
            <Skeleton h={16} />
            <Skeleton h={16} w="60%" />
          </Stack>
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.length === 0 ? (
          <Text c="dimmed" size="sm">
            {empty}
          </Text>
        ) : (
          children(query.data)
        )}
      </Stack>
    </Paper>
  );
}
