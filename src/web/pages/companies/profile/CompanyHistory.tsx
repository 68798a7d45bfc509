import { Badge, Button, Group, Skeleton, Stack, Table, Text, Timeline } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { COMPANIES_PATH, companyKeys, type HistoryPage } from '../../../api/companies.ts';
import type { AuditEntry } from '../../../api/types.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useMoneyFormat } from '../../../components/Money.tsx';
import { joinList } from '../../../i18n/index.ts';
import { ACTION_COLORS } from '../../../lib/audit.ts';
import { isYuan } from '../../../lib/money.ts';
import { useRegistryLabels } from '../labels.ts';
import { ProfileSection } from './ProfileSection.tsx';
import type { CompanySectionProps } from './sections.tsx';

const PAGE_SIZE = 20;

/** Bookkeeping and derived columns: they change with every edit and say nothing an officer needs. */
const HIDDEN_FIELDS = new Set([
  'id',
  'tenantId',
  'createdAt',
  'updatedAt',
  'nameKey',
  'nameGrams',
  'industryDivision',
  'industrySection',
]);
/** Audit keys (camelCase, as the Company object) → the field's label key. */
const FIELD_LABELS: Record<string, string> = {
  registeredCapitalYuan: 'registeredCapital',
  annualOutputYuan: 'annualOutput',
  annualTaxYuan: 'annualTax',
  townCode: 'town',
};

/** Fields in the order the profile shows them; others follow alphabetically. */
const FIELD_ORDER = [
  'creditCode',
  'nameZh',
  'nameEn',
  'formerNames',
  'legalRepresentative',
  'establishedOn',
  'registeredCapitalYuan',
  'capitalCurrency',
  'status',
  'enterpriseType',
  'sourceCountry',
  'hqType',
  'industryCode',
  'townCode',
  'park',
  'address',
  'employees',
  'annualOutputYuan',
  'annualTaxYuan',
  'tags',
];

/** Nothing recorded: null, '' and [] all read as "—". */
function normalise(value: unknown): unknown {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function rank(key: string): number {
  const at = FIELD_ORDER.indexOf(key);
  return at === -1 ? FIELD_ORDER.length : at;
}

/** The fields an entry changed: for a new record every field it set, for a removal every field it had. */
export function changedFields(entry: AuditEntry): string[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => !HIDDEN_FIELDS.has(key) && !same(before[key], after[key]))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function ChangeList({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const labels = useRegistryLabels();
  const money = useMoneyFormat();
  const fields = changedFields(entry);
  if (entry.action === 'delete' || fields.length === 0) return null;
  const currency = entry.after?.capitalCurrency ?? entry.before?.capitalCurrency;
  const capitalCurrency = typeof currency === 'string' ? currency : null;

  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (Array.isArray(value)) return value.length ? joinList(i18n.language, value.map(String)) : '—';
    if (typeof value === 'string') {
      if (key.endsWith('Yuan') && isYuan(value))
        return money.short(value, key === 'registeredCapitalYuan' ? capitalCurrency : 'CNY');
      if (key === 'townCode') return labels.townName(value);
      if (key === 'status') return labels.status(value);
      if (key === 'enterpriseType') return labels.enterpriseType(value);
      if (key === 'hqType') return labels.hqType(value);
      return value;
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };

  return (
    <Table withTableBorder verticalSpacing={2} fz="sm" layout="fixed" data-testid="history-changes">
      <Table.Tbody>
        {fields.map((key) => (
          <Table.Tr key={key} data-field={key}>
            <Table.Td w="28%">
              <Text size="sm" c="dimmed">
                {t(`company.fields.${FIELD_LABELS[key] ?? key}`, { defaultValue: key })}
              </Text>
            </Table.Td>
            <Table.Td style={{ wordBreak: 'break-word' }}>
              {entry.action === 'update' ? (
                <>
                  <Text span size="sm" td="line-through" c="dimmed">
                    {show(key, entry.before?.[key])}
                  </Text>
                  <Text span size="sm" c="dimmed">
                    {' → '}
                  </Text>
                </>
              ) : null}
              <Text span size="sm" fw={500}>
                {show(key, entry.after?.[key])}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Who changed what and when, from the audit trail, newest first. */
export function CompanyHistory({ detail }: CompanySectionProps) {
  const { t, i18n } = useTranslation();
  const id = detail.company.id;
  const history = useInfiniteQuery({
    queryKey: companyKeys.history(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<HistoryPage>(
        `${COMPANIES_PATH}/${encodeURIComponent(id)}/history`,
        { limit: PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const entries = useMemo(() => history.data?.pages.flatMap((page) => page.items) ?? [], [history.data]);
  const formatter = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }),
    [i18n.language],
  );

  return (
    <ProfileSection title={t('profile.history.title')} testId="company-history">
      {history.isPending ? (
        <Stack gap="xs">
          <Skeleton h={20} />
          <Skeleton h={20} w="70%" />
        </Stack>
      ) : history.isError && entries.length === 0 ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="history-empty">
          {t('profile.history.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Timeline bulletSize={14} lineWidth={2}>
            {entries.map((entry) => (
              <Timeline.Item
                key={entry.id}
                color={ACTION_COLORS[entry.action] ?? 'gray'}
                data-testid="history-entry"
                data-action={entry.action}
                title={
                  <Group gap="xs" wrap="wrap">
                    <Badge variant="light" color={ACTION_COLORS[entry.action] ?? 'gray'} radius="sm">
                      {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}
                    </Badge>
                    <Text size="sm" fw={500}>
                      {entry.actorEmail ?? t('audit.system')}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {formatter.format(new Date(entry.at))}
                    </Text>
                  </Group>
                }
              >
                <Stack gap={4} mt={4}>
                  {entry.action === 'import' ? (
                    <Text size="sm" data-testid="history-import">
                      {t('profile.history.importedFrom', { file: String(entry.after?.fileName ?? '') })}
                    </Text>
                  ) : (
                    <ChangeList entry={entry} />
                  )}
                </Stack>
              </Timeline.Item>
            ))}
          </Timeline>
          {history.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="default"
                size="xs"
                onClick={() => void history.fetchNextPage()}
                loading={history.isFetchingNextPage}
              >
                {t('common.loadMore')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </ProfileSection>
  );
}
