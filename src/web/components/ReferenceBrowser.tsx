import {
  ActionIcon,
  Anchor,
  Badge,
  Breadcrumbs,
  CloseButton,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import {
  CHILDREN_LIMIT,
  type ChildrenOf,
  cachedChildren,
  fetchReferenceChildren,
  type ReferenceItem,
  type ReferenceKind,
  referenceKeys,
  resolvePath,
  SEARCH_LIMIT,
  searchReference,
} from '../api/reference.ts';
import { ErrorState } from './ErrorState.tsx';

const LEVEL_COLORS: Record<string, string> = {
  province: 'indigo',
  city: 'blue',
  county: 'teal',
  town: 'gray',
  section: 'indigo',
  division: 'blue',
  group: 'teal',
  class: 'gray',
};

interface PathState<T> {
  path?: T[];
}

export interface ReferenceBrowserProps<K extends ReferenceKind> {
  kind: K;
  title: string;
  description: string;
  rootLabel: string;
  searchPlaceholder: string;
  isLeaf: (node: ReferenceItem<K>) => boolean;
  contains: (
    node: ReferenceItem<K>,
    target: string,
    childrenOf: ChildrenOf<ReferenceItem<K>>,
  ) => Promise<boolean> | boolean;
  /** Plain-text name, for breadcrumbs. */
  nameOf: (node: ReferenceItem<K>) => string;
  /** Rich name cell for tables. */
  renderName: (node: ReferenceItem<K>) => ReactNode;
}

/**
 * Drill-down browser over one hierarchical reference list (divisions, industries).
 * The level being viewed lives in the URL (`?parent=CODE&focus=CODE`), so reload and back work.
 */
export function ReferenceBrowser<K extends ReferenceKind>(props: ReferenceBrowserProps<K>) {
  type T = ReferenceItem<K>;
  const { kind, isLeaf, contains, nameOf, renderName } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const parent = params.get('parent') || null;
  const focus = params.get('focus') || null;
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const searching = debounced.length > 0;

  const knownPath = (location.state as PathState<T> | null)?.path;
  const childrenOf = (code: string | null) => cachedChildren(queryClient, kind, code) as Promise<T[]>;

  const listing = useQuery({
    queryKey: referenceKeys.children(kind, parent),
    queryFn: ({ signal }) => fetchReferenceChildren(kind, parent, signal) as Promise<T[]>,
    staleTime: Number.POSITIVE_INFINITY,
    enabled: !searching,
  });

  const path = useQuery({
    queryKey: referenceKeys.path(kind, parent),
    queryFn: () => (parent ? resolvePath<T>(parent, childrenOf, contains) : Promise.resolve([])),
    initialData: knownPath && knownPath.at(-1)?.code === parent ? knownPath : undefined,
    staleTime: Number.POSITIVE_INFINITY,
    enabled: parent !== null,
  });

  const results = useQuery({
    queryKey: referenceKeys.search(kind, debounced),
    queryFn: ({ signal }) => searchReference(kind, debounced, signal) as Promise<T[]>,
    enabled: searching,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });

  const trail: T[] = parent ? (path.data ?? []) : [];

  const open = (node: T, via: T[]) => {
    setText('');
    if (isLeaf(node)) {
      const state: PathState<T> = { path: via };
      const search = new URLSearchParams();
      if (node.parentCode) search.set('parent', node.parentCode);
      search.set('focus', node.code);
      void navigate({ search: `?${search}` }, { state });
    } else {
      const state: PathState<T> = { path: [...via, node] };
      void navigate({ search: `?parent=${encodeURIComponent(node.code)}` }, { state });
    }
  };

  const crumbs = [
    parent ? (
      <Anchor component={Link} to={location.pathname} key="root" size="sm">
        {props.rootLabel}
      </Anchor>
    ) : (
      <Text key="root" size="sm" fw={600}>
        {props.rootLabel}
      </Text>
    ),
    ...trail.map((node, index) =>
      index === trail.length - 1 ? (
        <Text key={node.code} size="sm" fw={600}>
          {nameOf(node)}
        </Text>
      ) : (
        <Anchor
          component={Link}
          key={node.code}
          to={`${location.pathname}?parent=${encodeURIComponent(node.code)}`}
          state={{ path: trail.slice(0, index + 1) } satisfies PathState<T>}
          size="sm"
        >
          {nameOf(node)}
        </Anchor>
      ),
    ),
  ];
  if (parent && path.isPending) crumbs.push(<Skeleton key="loading" h={14} w={80} />);
  else if (parent && trail.at(-1)?.code !== parent) {
    crumbs.push(
      <Text key="parent" size="sm" fw={600} ff="monospace">
        {parent}
      </Text>,
    );
  }

  const renderTable = (items: T[], options: { via: (node: T) => T[] | null; showParent: boolean }) => (
    <Table highlightOnHover verticalSpacing={6} data-testid={`${kind}-table`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={140}>{t('common.code')}</Table.Th>
          <Table.Th>{t('common.name')}</Table.Th>
          <Table.Th w={110}>{t('reference.level')}</Table.Th>
          {options.showParent ? <Table.Th w={140}>{t('reference.parentCode')}</Table.Th> : null}
          <Table.Th w={60} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((node) => {
          const leaf = isLeaf(node);
          const via = options.via(node);
          const go = () => {
            if (via) open(node, via);
            else
              void resolvePath<T>(node.code, childrenOf, contains).then((found) =>
                open(node, found.slice(0, -1)),
              );
          };
          const drillable = !leaf || options.showParent;
          return (
            <Table.Tr
              key={node.code}
              bg={focus === node.code ? 'var(--mantine-color-yellow-light)' : undefined}
              style={drillable ? { cursor: 'pointer' } : undefined}
              onClick={drillable ? go : undefined}
            >
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {node.code}
                </Text>
              </Table.Td>
              <Table.Td>{renderName(node)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={LEVEL_COLORS[node.level] ?? 'gray'} radius="sm">
                  {t(`reference.levels.${node.level}`)}
                </Badge>
              </Table.Td>
              {options.showParent ? (
                <Table.Td>
                  <Text size="sm" ff="monospace" c="dimmed">
                    {node.parentCode ?? '—'}
                  </Text>
                </Table.Td>
              ) : null}
              <Table.Td>
                {drillable ? (
                  <ActionIcon
                    variant="subtle"
                    aria-label={leaf ? t('reference.show') : t('reference.open')}
                    title={leaf ? t('reference.show') : t('reference.open')}
                    onClick={(event) => {
                      event.stopPropagation();
                      go();
                    }}
                  >
                    ›
                  </ActionIcon>
                ) : null}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );

  const body = (() => {
    if (searching) {
      if (results.isPending) return <Skeleton h={120} />;
      if (results.isError) return <ErrorState error={results.error} onRetry={() => void results.refetch()} />;
      if (results.data.length === 0)
        return (
          <Text c="dimmed" size="sm">
            {t('reference.noMatches', { q: debounced })}
          </Text>
        );
      return (
        <Stack gap="xs">
          <Text size="sm" c="dimmed" data-testid="reference-result-count">
            {results.data.length >= SEARCH_LIMIT
              ? t('reference.firstMatches', { count: results.data.length })
              : t('reference.matches', { count: results.data.length })}
          </Text>
          {renderTable(results.data, { via: () => null, showParent: true })}
        </Stack>
      );
    }
    if (listing.isPending) return <Skeleton h={240} />;
    if (listing.isError) return <ErrorState error={listing.error} onRetry={() => void listing.refetch()} />;
    if (listing.data.length === 0)
      return (
        <Text c="dimmed" size="sm">
          {t('reference.noChildren')}
        </Text>
      );
    return (
      <Stack gap="xs">
        {listing.data.length >= CHILDREN_LIMIT ? (
          <Text size="sm" c="dimmed">
            {t('reference.firstItems', { count: listing.data.length })}
          </Text>
        ) : null}
        {renderTable(listing.data, { via: () => trail, showParent: false })}
      </Stack>
    );
  })();

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {props.title}
        </Title>
        <Text c="dimmed">{props.description}</Text>
      </Stack>
      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <TextInput
            label={t('reference.search')}
            placeholder={props.searchPlaceholder}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            maxLength={50}
            data-testid="reference-search"
            rightSection={
              text ? (
                <CloseButton aria-label={t('common.clear')} size="sm" onClick={() => setText('')} />
              ) : null
            }
          />
          {searching ? (
            <Text size="sm" fw={600}>
              {t('reference.searchResults')}
            </Text>
          ) : (
            <Breadcrumbs separator="›" separatorMargin={6} data-testid="reference-breadcrumbs">
              {crumbs}
            </Breadcrumbs>
          )}
          {body}
        </Stack>
      </Paper>
    </Stack>
  );
}
