import {
  Grid,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import {
  BREAKDOWNS,
  type Breakdown,
  COMPANIES_PATH,
  type CompanyApiFilters,
  type CountSince,
  companyKeys,
  type Period,
  type Registrations,
} from '../../api/companies.ts';
import { EChart } from '../../components/EChart.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import type { AnalyticsSettings } from './filters.ts';
import { useRegistryLabels } from './labels.ts';
import { alignSeries, OTHER_KEY, registrationsOption } from './registrationsChart.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface RegistryAnalyticsProps {
  filters: CompanyApiFilters;
  settings: AnalyticsSettings;
  onChange: (settings: AnalyticsSettings) => void;
}

/** New registrations over time with the list's filters: per month or year, split by one dimension. */
export function RegistryAnalytics({ filters, settings, onChange }: RegistryAnalyticsProps) {
  const { t, i18n } = useTranslation();
  const labels = useRegistryLabels();
  const [kind, setKind] = useState<'bar' | 'line'>('bar');
  const [sinceText, setSinceText] = useState(settings.since);
  const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);

  const registrations = useQuery({
    queryKey: companyKeys.registrations(filters, settings.period, settings.by),
    queryFn: ({ signal }) =>
      api.get<Registrations>(
        `${COMPANIES_PATH}/analytics/registrations`,
        { ...filters, period: settings.period, by: settings.by },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const countSince = useQuery({
    queryKey: companyKeys.countSince(filters, settings.since),
    queryFn: ({ signal }) =>
      api.get<CountSince>(
        `${COMPANIES_PATH}/analytics/count-since`,
        { ...filters, since: settings.since },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const seriesLabel = useMemo(() => {
    const by = registrations.data?.by ?? settings.by;
    return (key: string): string => {
      if (key === OTHER_KEY) return t('registry.analytics.other');
      if (key === '') return t('common.notRecorded');
      switch (by) {
        case 'town':
          return labels.townName(key);
        case 'zone':
          return labels.zoneNameFromZh(key);
        case 'industry':
          return `${key} ${labels.sectionName(key)}`;
        case 'enterpriseType':
          return labels.enterpriseType(key);
        default:
          return t('registry.analytics.allCompanies');
      }
    };
  }, [registrations.data?.by, settings.by, labels, t]);

  const aligned = useMemo(
    () =>
      registrations.data
        ? alignSeries(registrations.data.series, registrations.data.period)
        : { categories: [], series: [] },
    [registrations.data],
  );
  const option = useMemo(
    () =>
      registrationsOption(aligned, kind, { label: seriesLabel, count: t('registry.analytics.companies') }),
    [aligned, kind, seriesLabel, t],
  );
  const grandTotal = aligned.series.reduce((sum, item) => sum + item.total, 0);

  const breakdownOptions = BREAKDOWNS.map((value) => ({ value, label: t(`registry.analytics.by.${value}`) }));

  return (
    <Stack gap="md" data-testid="registry-analytics">
      <Group align="flex-end" gap="md" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('registry.analytics.period')}
          </Text>
          <SegmentedControl
            value={settings.period}
            onChange={(value) => onChange({ ...settings, period: value as Period })}
            data={[
              { value: 'month', label: t('registry.analytics.perMonth') },
              { value: 'year', label: t('registry.analytics.perYear') },
            ]}
            data-testid="analytics-period"
          />
        </Stack>
        <Select
          label={t('registry.analytics.breakdown')}
          data={breakdownOptions}
          value={settings.by}
          onChange={(value) => onChange({ ...settings, by: (value as Breakdown | null) ?? 'none' })}
          allowDeselect={false}
          w={200}
          data-testid="analytics-by"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('registry.analytics.chartKind')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(value) => setKind(value === 'line' ? 'line' : 'bar')}
            data={[
              { value: 'bar', label: t('registry.analytics.bars') },
              { value: 'line', label: t('registry.analytics.lines') },
            ]}
          />
        </Stack>
      </Group>

      <Paper withBorder p="md" radius="md">
        <Group align="flex-end" justify="space-between" gap="md">
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('registry.analytics.countSinceLabel')}
            </Text>
            {countSince.isError ? (
              <ErrorState error={countSince.error} onRetry={() => void countSince.refetch()} />
            ) : countSince.data ? (
              <Title order={3} data-testid="count-since">
                {t('registryReview.countSince', {
                  count: countSince.data.count,
                  since: countSince.data.since,
                  formatted: number.format(countSince.data.count),
                })}
              </Title>
            ) : (
              <Skeleton h={28} w={280} />
            )}
          </Stack>
          <TextInput
            type="date"
            label={t('registry.analytics.since')}
            value={sinceText}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setSinceText(value);
              if (DATE.test(value)) onChange({ ...settings, since: value });
            }}
            error={sinceText && !DATE.test(sinceText) ? t('registry.filters.invalidDate') : undefined}
            w={180}
            data-testid="analytics-since"
          />
        </Group>
      </Paper>

      {registrations.isError ? (
        <ErrorState error={registrations.error} onRetry={() => void registrations.refetch()} />
      ) : registrations.isPending ? (
        <Skeleton h={360} />
      ) : aligned.categories.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="analytics-empty">
          {t('registry.analytics.empty')}
        </Text>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Paper withBorder p="md" radius="md">
              <Stack gap="xs">
                <Text fw={600}>
                  {t(
                    settings.period === 'month'
                      ? 'registry.analytics.titleMonth'
                      : 'registry.analytics.titleYear',
                  )}
                </Text>
                <EChart
                  option={option}
                  height={380}
                  ariaLabel={t('registry.analytics.chartLabel')}
                  testId="registrations-chart"
                />
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Paper withBorder p="md" radius="md">
              <Table verticalSpacing={4} data-testid="registrations-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t(`registry.analytics.by.${settings.by}`)}</Table.Th>
                    <Table.Th ta="right">{t('registry.analytics.companies')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {aligned.series.map((item) => (
                    <Table.Tr key={item.key}>
                      <Table.Td>
                        <Stack gap={2}>
                          <Text size="sm">{seriesLabel(item.key)}</Text>
                          <Progress value={grandTotal ? (item.total / grandTotal) * 100 : 0} size="xs" />
                        </Stack>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" ff="monospace">
                          {number.format(item.total)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
