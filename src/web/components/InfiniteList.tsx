import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from './ErrorState.tsx';

/** The parts of a TanStack infinite query a paged list reads. */
export interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  refetch: () => unknown;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
  isFetchingNextPage: boolean;
}

/** A keyset-paged list: placeholders while the first page loads, the error with a retry, the empty text, "load more". */
export function InfiniteList<T>(props: {
  query: PagedQuery;
  items: T[];
  empty: string;
  emptyTestId?: string;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  const { query } = props;
  if (query.isPending)
    return (
      <Stack gap="xs">
        <Skeleton h={32} />
        <Skeleton h={32} />
        <Skeleton h={32} />
      </Stack>
    );
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (props.items.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid={props.emptyTestId}>
        {props.empty}
      </Text>
    );
  return (
    <Stack gap="sm">
      {props.children(props.items)}
      {query.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
