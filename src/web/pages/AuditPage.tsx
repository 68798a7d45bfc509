import {
  ActionIcon,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import type { AuditEntry, AuditPage as AuditPageBody } from '../api/types.ts';
import { ErrorState } from '../components/ErrorState.tsx';
import { ACTION_COLORS } from '../lib/audit.ts';

const PAGE_SIZE = 50;

/**
 * Entity types (the server records the table name) with a translated label; types found in the
 * log that are not listed here are offered under their own name.
 */
const KNOWN_ENTITIES = [
  'projects',
  'companies',
  'agreements',
  'partners',
  'events',
  'policies',
  'talents',
  'parks',
  'clusters',
  'zones',
  'sites',
  'users',
  'memberships',
  'tenants',
  'import_jobs',
] as const;

function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 1);
}

/** UUIDv7 ids share their leading (time) digits, so the tail tells records apart. */
function shortId(id: string): string {
  return id.length > 12 ? `…${id.slice(-8)}` : id;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function ValueCell({ value, missing }: { value: unknown; missing: string }) {
  if (value === undefined || value === null) {
    return (
      <Text size="xs" c="dimmed">
        {value === null ? 'null' : missing}
      </Text>
    );
  }
  const text = formatValue(value);
  return typeof value === 'object' || text.length > 60 ? (
    <Code block fz="xs">
      {text}
    </Code>
  ) : (
    <Text size="sm" ff="monospace" style={{ wordBreak: 'break-word' }}>
      {text}
    </Text>
  );
}

/** Field-by-field before/after of one audit entry; changed fields are highlighted. */
function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changed = fields.filter((field) => !sameValue(before[field], after[field]));
  const [showAll, setShowAll] = useState(entry.action !== 'update' || changed.length === 0);
  const shown = showAll ? fields : changed;
  if (fields.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit.noFields')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="audit-diff">
      {entry.action === 'update' ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('audit.changedFields', { count: changed.length })}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => setShowAll((value) => !value)}>
            {showAll ? t('audit.onlyChanged') : t('audit.allFields')}
          </Button>
        </Group>
      ) : null}
      <Table withTableBorder withColumnBorders verticalSpacing={4} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="22%">{t('audit.field')}</Table.Th>
            <Table.Th>{t('audit.before')}</Table.Th>
            <Table.Th>{t('audit.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((field) => {
            const isChanged = changed.includes(field);
            return (
              <Table.Tr key={field}>
                <Table.Td>
                  <Text size="sm" ff="monospace" fw={isChanged ? 600 : 400}>
                    {field}
                  </Text>
                </Table.Td>
                <Table.Td bg={isChanged && entry.before ? 'var(--mantine-color-red-light)' : undefined}>
                  <ValueCell value={entry.before ? before[field] : undefined} missing="—" />
                </Table.Td>
                <Table.Td bg={isChanged && entry.after ? 'var(--mantine-color-green-light)' : undefined}>
                  <ValueCell value={entry.after ? after[field] : undefined} missing="—" />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const entity = params.get('entity') || null;
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());

  const audit = useInfiniteQuery({
    queryKey: ['audit', entity],
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPageBody>('/api/v1/audit', { entity, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });

  const entries = useMemo(() => audit.data?.pages.flatMap((page) => page.items) ?? [], [audit.data]);
  const formatter = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }),
    [i18n.language],
  );
  const entityLabel = (type: string) => t(`audit.entities.${type}`, { defaultValue: type });

  const entityTypes = new Set<string>(KNOWN_ENTITIES);
  for (const entry of entries) entityTypes.add(entry.entity);
  if (entity) entityTypes.add(entity);
  const entityOptions = [...entityTypes].map((type) => ({ value: type, label: entityLabel(type) }));

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('audit.title')}
        </Title>
        <Text c="dimmed">{t('audit.description')}</Text>
      </Stack>
      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <Group align="flex-end">
            <Select
              label={t('audit.filterEntity')}
              placeholder={t('audit.allEntities')}
              data={entityOptions}
              value={entity}
              clearable
              searchable
              w={260}
              data-testid="audit-entity-filter"
              onChange={(value) => {
                setExpanded(new Set());
                setParams(value ? { entity: value } : {}, { replace: true });
              }}
            />
          </Group>

          {audit.isPending ? (
            <Stack gap="xs">
              <Skeleton h={28} />
              <Skeleton h={28} />
              <Skeleton h={28} />
            </Stack>
          ) : audit.isError ? (
            <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
          ) : entries.length === 0 ? (
            <Text c="dimmed" size="sm" data-testid="audit-empty">
              {t('audit.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing={6} highlightOnHover data-testid="audit-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={200}>{t('audit.time')}</Table.Th>
                    <Table.Th>{t('audit.actor')}</Table.Th>
                    <Table.Th>{t('audit.entity')}</Table.Th>
                    <Table.Th w={100}>{t('audit.action')}</Table.Th>
                    <Table.Th w={60}>
                      <VisuallyHidden>{t('audit.details')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((entry) => {
                    const open = expanded.has(entry.id);
                    return (
                      <Fragment key={entry.id}>
                        <Table.Tr style={{ cursor: 'pointer' }} onClick={() => toggle(entry.id)}>
                          <Table.Td>
                            <Text size="sm">{formatter.format(new Date(entry.at))}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{entry.actorEmail ?? t('audit.system')}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Group gap={6} wrap="nowrap">
                              <Text size="sm" fw={500}>
                                {entityLabel(entry.entity)}
                              </Text>
                              <Text size="xs" c="dimmed" ff="monospace" title={entry.entityId} truncate>
                                {shortId(entry.entityId)}
                              </Text>
                            </Group>
                          </Table.Td>
                          <Table.Td>
                            <Badge variant="light" color={ACTION_COLORS[entry.action] ?? 'gray'} radius="sm">
                              {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <ActionIcon
                              variant="subtle"
                              aria-expanded={open}
                              aria-label={open ? t('audit.hideChanges') : t('audit.showChanges')}
                              title={open ? t('audit.hideChanges') : t('audit.showChanges')}
                              onClick={(event) => {
                                event.stopPropagation();
                                toggle(entry.id);
                              }}
                            >
                              {open ? '▾' : '▸'}
                            </ActionIcon>
                          </Table.Td>
                        </Table.Tr>
                        {open ? (
                          <Table.Tr>
                            <Table.Td colSpan={5} bg="var(--mantine-color-gray-0)">
                              <AuditDiff entry={entry} />
                            </Table.Td>
                          </Table.Tr>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}

          {audit.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="default"
                onClick={() => void audit.fetchNextPage()}
                loading={audit.isFetchingNextPage}
                data-testid="audit-load-more"
              >
                {t('common.loadMore')}
              </Button>
            </Group>
          ) : entries.length > 0 ? (
            <Text size="sm" c="dimmed" ta="center">
              {t('audit.end')}
            </Text>
          ) : null}
          {audit.isFetchNextPageError ? (
            <ErrorState error={audit.error} onRetry={() => void audit.fetchNextPage()} />
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
}
