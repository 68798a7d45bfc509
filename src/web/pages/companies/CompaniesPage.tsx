import {
  Badge,
  Button,
  CloseButton,
  Collapse,
  EmptyState,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import {
  companyKeys,
  exportUrl,
  fetchBestMatches,
  fetchCompanies,
  SORT_KEYS,
  type SortKey,
  type SortOrder,
} from '../../api/companies.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { BestMatches } from './BestMatches.tsx';
import { CompanyTable } from './CompanyTable.tsx';
import {
  activeFilterCount,
  apiFilters,
  MIN_QUERY_LENGTH,
  queryTooShort,
  type RegistryState,
  stateFromParams,
  stateToParams,
} from './filters.ts';
import { RegistryFilterPanel } from './RegistryFilterPanel.tsx';
import { useCanEditRegistry, useCanImportRegistry } from './roles.ts';

// The charts (and ECharts with them) load when the analytics tab is first opened.
const RegistryAnalytics = lazy(() =>
  import('./RegistryAnalytics.tsx').then((module) => ({ default: module.RegistryAnalytics })),
);

const PAGE_SIZE = 50;

interface Paging {
  /** The filters and order the cursors belong to. */
  key: string;
  cursors: (string | null)[];
}

/**
 * The company registry: search, filters, sorting and keyset paging, with registration analytics over the same
 * filters. Everything that selects rows lives in the URL, so a filtered list or chart can be linked.
 */
export function CompaniesPage() {
  const { t, i18n } = useTranslation();
  const canEdit = useCanEditRegistry();
  const canImport = useCanImportRegistry();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => stateFromParams(params), [params]);
  const { filters, sort, view } = state;
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(activeFilterCount(filters) > 0);
  const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);

  const update = (next: Partial<RegistryState>) =>
    setParams(stateToParams({ ...state, ...next }), { replace: true });

  // The search box answers every keystroke; the URL (and so the request) follows once typing pauses.
  const [searchText, setSearchText] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(searchText, 300);
  const pushedSearch = useRef(filters.q);
  useEffect(() => {
    if (debouncedSearch === pushedSearch.current) return;
    pushedSearch.current = debouncedSearch;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debouncedSearch.trim()) next.set('q', debouncedSearch);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debouncedSearch, setParams]);
  // The URL changed from elsewhere (back, a link, "clear"): show its search text.
  useEffect(() => {
    if (filters.q !== pushedSearch.current) {
      pushedSearch.current = filters.q;
      setSearchText(filters.q);
    }
  }, [filters.q]);

  const query = useMemo(() => apiFilters(filters), [filters]);
  const [debouncedKey] = useDebouncedValue(JSON.stringify(query), 200);
  const effective = useMemo(() => JSON.parse(debouncedKey) as typeof query, [debouncedKey]);

  // Keyset paging: the cursors of the pages before this one; a new filter or sort starts over. They are kept in
  // the history entry, not the URL, so that Back from a company's profile returns to the page it was opened from.
  const pagingKey = `${debouncedKey}|${sort.sort}|${sort.order}`;
  const location = useLocation();
  const navigate = useNavigate();
  const paging = (location.state as { registryPaging?: Paging } | null)?.registryPaging;
  const cursors = paging?.key === pagingKey ? paging.cursors : [null];
  const setPaging = (next: Paging) =>
    void navigate(
      { pathname: location.pathname, search: location.search },
      { replace: true, state: { ...(location.state as object | null), registryPaging: next } },
    );
  const cursor = cursors.at(-1) ?? null;

  const list = useQuery({
    queryKey: [...companyKeys.list(effective, cursor), sort.sort, sort.order],
    queryFn: ({ signal }) =>
      fetchCompanies(effective, { sort: sort.sort, order: sort.order, limit: PAGE_SIZE, cursor }, signal),
    placeholderData: keepPreviousData,
    enabled: view === 'list',
  });

  // Asked apart from the page, so that the list comes as fast as without it.
  const searchWord = typeof effective.q === 'string' ? effective.q : '';
  const best = useQuery({
    queryKey: companyKeys.bestMatches(effective),
    queryFn: ({ signal }) => fetchBestMatches(effective, signal),
    enabled: view === 'list' && /\p{Script=Han}/u.test(searchWord) && cursors.length <= 1,
  });

  const tooShort = queryTooShort(searchText);
  const filterCount = activeFilterCount(filters);
  const page = list.data;
  const totalText = page
    ? page.totalIsExact
      ? number.format(page.total)
      : `${number.format(page.total)}+`
    : '';

  const goNext = () => {
    if (page?.nextCursor) setPaging({ key: pagingKey, cursors: [...cursors, page.nextCursor] });
  };
  const goPrevious = () => setPaging({ key: pagingKey, cursors: cursors.slice(0, -1) });

  const sortOptions = SORT_KEYS.map((value) => ({ value, label: t(`registry.sort.${value}`) }));

  const listBody = (() => {
    if (list.isPending) {
      return (
        <Stack gap="xs">
          <Skeleton h={32} />
          <Skeleton h={32} />
          <Skeleton h={32} />
        </Stack>
      );
    }
    if (list.isError && !page) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    if (!page || page.items.length === 0) {
      // Nothing asked for and nothing there: the registry itself is empty, and filters are not the reason.
      if (page && Object.keys(effective).length === 0) {
        return (
          <EmptyState
            title={t('registryReview.empty.title')}
            description={t(canEdit ? 'registryReview.empty.editor' : 'registryReview.empty.reader')}
            data-testid="registry-empty"
            data-reason="no-companies"
          >
            {canEdit ? (
              <Group justify="center" gap="xs">
                {canImport ? (
                  <Button component={Link} to="/companies/import" variant="light">
                    {t('registry.import')}
                  </Button>
                ) : null}
                <Button component={Link} to="/companies/new">
                  {t('registry.newCompany')}
                </Button>
              </Group>
            ) : null}
          </EmptyState>
        );
      }
      return (
        <EmptyState
          title={t('registry.empty.title')}
          description={
            effective.q ? t('registry.empty.search', { q: effective.q }) : t('registry.empty.filters')
          }
          data-testid="registry-empty"
        />
      );
    }
    return (
      <Stack gap="sm">
        {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
        {cursors.length <= 1 && best.data ? <BestMatches q={searchWord} companies={best.data.items} /> : null}
        <CompanyTable items={page.items} />
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="registry-page">
            {t('registry.pageN', { page: cursors.length })}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              disabled={cursors.length <= 1}
              onClick={goPrevious}
              data-testid="registry-previous"
            >
              {t('registry.previous')}
            </Button>
            <Button
              variant="default"
              size="xs"
              disabled={!page.nextCursor}
              onClick={goNext}
              loading={list.isFetching && list.isPlaceholderData}
              data-testid="registry-next"
            >
              {t('registry.next')}
            </Button>
          </Group>
        </Group>
      </Stack>
    );
  })();

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('registry.title')}
          </Title>
          <Text c="dimmed">{t('registry.description')}</Text>
        </Stack>
        <Group gap="xs">
          <Button
            component="a"
            variant="default"
            size="sm"
            href={exportUrl('csv', effective, sort.sort, sort.order)}
            download
            data-testid="export-csv"
          >
            {t('registry.exportCsv')}
          </Button>
          <Button
            component="a"
            variant="default"
            size="sm"
            href={exportUrl('xlsx', effective, sort.sort, sort.order)}
            download
            data-testid="export-xlsx"
          >
            {t('registry.exportXlsx')}
          </Button>
          {canImport ? (
            <Button component={Link} to="/companies/import" variant="light" data-testid="registry-import">
              {t('registry.import')}
            </Button>
          ) : null}
          {canEdit ? (
            <Button component={Link} to="/companies/new" data-testid="registry-new">
              {t('registry.newCompany')}
            </Button>
          ) : null}
        </Group>
      </Group>

      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              flex={1}
              label={t('registry.search')}
              placeholder={t('registry.searchPlaceholder')}
              description={t('registry.searchHint', { min: MIN_QUERY_LENGTH })}
              value={searchText}
              maxLength={100}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setSearchText(value);
              }}
              error={tooShort ? t('registry.searchTooShort', { min: MIN_QUERY_LENGTH }) : undefined}
              rightSection={
                searchText ? (
                  list.isFetching && view === 'list' ? (
                    <Loader size="xs" />
                  ) : (
                    <CloseButton
                      aria-label={t('common.clear')}
                      size="sm"
                      onClick={() => {
                        setSearchText('');
                      }}
                    />
                  )
                ) : null
              }
              data-testid="registry-search"
            />
            <Button
              variant={filtersOpen ? 'light' : 'default'}
              mt={46}
              onClick={toggleFilters}
              aria-expanded={filtersOpen}
              rightSection={
                filterCount ? (
                  <Badge size="sm" circle>
                    {filterCount}
                  </Badge>
                ) : null
              }
              data-testid="filters-toggle"
            >
              {t('registry.filters.title')}
            </Button>
          </Group>
          <Collapse expanded={filtersOpen}>
            <RegistryFilterPanel filters={filters} onChange={(next) => update({ filters: next })} />
          </Collapse>
        </Stack>
      </Paper>

      <Tabs value={view} onChange={(value) => update({ view: value === 'analytics' ? 'analytics' : 'list' })}>
        <Tabs.List>
          <Tabs.Tab value="list" data-testid="tab-list">
            {t('registry.tabs.list')}
          </Tabs.Tab>
          <Tabs.Tab value="analytics" data-testid="tab-analytics">
            {t('registry.tabs.analytics')}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="list" pt="md">
          {view === 'list' ? (
            <Paper withBorder p="md" radius="md">
              <Stack gap="md">
                <Group justify="space-between" wrap="wrap">
                  <Text fw={500} data-testid="registry-total">
                    {page ? t('registryReview.total', { total: totalText, count: page.total }) : '\u00a0'}
                  </Text>
                  <Group gap="xs">
                    <Select
                      aria-label={t('registry.sortBy')}
                      data={sortOptions}
                      value={sort.sort}
                      onChange={(value) =>
                        update({ sort: { ...sort, sort: (value as SortKey | null) ?? sort.sort } })
                      }
                      allowDeselect={false}
                      size="xs"
                      w={150}
                      data-testid="registry-sort"
                    />
                    <SegmentedControl
                      size="xs"
                      value={sort.order}
                      onChange={(value) => update({ sort: { ...sort, order: value as SortOrder } })}
                      data={[
                        { value: 'asc', label: t('registry.asc') },
                        { value: 'desc', label: t('registry.desc') },
                      ]}
                      data-testid="registry-order"
                    />
                  </Group>
                </Group>
                {listBody}
              </Stack>
            </Paper>
          ) : null}
        </Tabs.Panel>

        <Tabs.Panel value="analytics" pt="md">
          {view === 'analytics' ? (
            <Suspense fallback={<Skeleton h={360} />}>
              <RegistryAnalytics
                filters={effective}
                settings={state.analytics}
                onChange={(analytics) => update({ analytics })}
              />
            </Suspense>
          ) : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
