import { Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState } from './ErrorState.tsx';

export interface DueItem {
  id: string;
  dueOn: string | null;
  overdue: boolean;
  title: ReactNode;
  /** The record the item belongs to. */
  to: string;
  toLabel: string;
}

/** A home-page card of things due soon, oldest first, with the overdue ones marked. */
export function DueList<T>(props: {
  title: string;
  testId: string;
  itemTestId: string;
  query: UseQueryResult<T[]>;
  item: (row: T) => DueItem;
  empty: string;
  overdueLabel: string;
  controls?: ReactNode;
}) {
  const { query } = props;
  return (
    <Paper withBorder p="md" radius="md" data-testid={props.testId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {props.title}
          </Title>
          {props.controls}
        </Group>
        {query.isPending ? (
          <Skeleton h={40} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {props.empty}
          </Text>
        ) : (
          query.data.map(props.item).map((due) => (
            <Group key={due.id} gap="sm" wrap="nowrap" data-testid={props.itemTestId}>
              <Text size="sm" w={96} ff="monospace">
                {due.dueOn}
              </Text>
              {due.overdue ? (
                <Badge size="xs" color="red" variant="light">
                  {props.overdueLabel}
                </Badge>
              ) : null}
              <Text size="sm" style={{ flex: 1 }}>
                {due.title}
              </Text>
              <Anchor component={Link} to={due.to} size="sm">
                {due.toLabel}
              </Anchor>
            </Group>
          ))
        )}
      </Stack>
    </Paper>
  );
}
