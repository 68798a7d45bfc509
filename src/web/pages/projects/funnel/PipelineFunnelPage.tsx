import { Badge, Button, Group, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  FUNNEL_BREAKDOWNS,
  FUNNEL_PERIODS,
  type FunnelBreakdown,
  type FunnelGroup,
  type FunnelPeriod,
  useFunnel,
} from '../../../api/projects.ts';
import { useCurrentSession } from '../../../auth/session.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useMoneyFormat } from '../../../components/Money.tsx';
import { usePipelineLabels } from '../labels.ts';
import { ProjectFilterBar, useProjectFilterState } from '../ProjectFilterBar.tsx';
import { totalGroup } from './funnelCharts.ts';

// ECharts loads with the charts, when this page is first opened.
const FunnelCharts = lazy(() =>
  import('./FunnelCharts.tsx').then((module) => ({ default: module.FunnelCharts })),
);

/** Pipeline analytics: the funnel of the filtered projects, broken down by source, partner, cluster, officer or period. */
export function PipelineFunnelPage() {
  const { t } = useTranslation();
  const money = useMoneyFormat();
  const filterState = useProjectFilterState();
  // A stage filter would leave a funnel of one stage, so the page offers none.
  const { stage: _stage, ...filters } = filterState.filters;
  const [by, setBy] = useState<FunnelBreakdown>('none');
  const [period, setPeriod] = useState<FunnelPeriod>('month');
  const funnel = useFunnel(filters, by, period);
  const groupName = useGroupName(by);
  const groups = useMemo(
    () => (funnel.data?.groups ?? []).map((group) => ({ name: groupName(group), group })),
    [funnel.data, groupName],
  );
  const total = useMemo(() => totalGroup(funnel.data?.groups ?? []), [funnel.data]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('funnel.title')}
          </Title>
          <Text c="dimmed">{t('funnel.subtitle')}</Text>
        </Stack>
        <Group gap="sm">
          {funnel.data ? (
            <>
              <Badge size="lg" variant="light" data-testid="funnel-total">
                {t('pipeline.total', { count: total.count })}
              </Badge>
              <Badge size="lg" variant="light" color="teal">
                {money.short(total.amountYuan)}
              </Badge>
            </>
          ) : null}
          <Button component={Link} to="/projects" variant="default">
            {t('board.toTable')}
          </Button>
        </Group>
      </Group>

      <ProjectFilterBar state={filterState} withStage={false}>
        <Select
          label={t('funnel.groupBy')}
          data={FUNNEL_BREAKDOWNS.map((value) => ({ value, label: t(`funnel.by.${value}`) }))}
          value={by}
          onChange={(value) => setBy((value as FunnelBreakdown | null) ?? 'none')}
          allowDeselect={false}
          w={160}
          data-testid="funnel-by"
        />
        {by === 'period' ? (
          <Select
            label={t('funnel.period')}
            data={FUNNEL_PERIODS.map((value) => ({ value, label: t(`funnel.periods.${value}`) }))}
            value={period}
            onChange={(value) => setPeriod((value as FunnelPeriod | null) ?? 'month')}
            allowDeselect={false}
            w={120}
          />
        ) : null}
      </ProjectFilterBar>

      {funnel.isPending ? (
        <Skeleton h={360} />
      ) : funnel.isError ? (
        <ErrorState error={funnel.error} onRetry={() => void funnel.refetch()} />
      ) : total.count === 0 ? (
        <Text c="dimmed">{t('pipeline.empty')}</Text>
      ) : (
        <Suspense fallback={<Skeleton h={360} />}>
          <FunnelCharts by={by} total={total} groups={groups} />
        </Suspense>
      )}
    </Stack>
  );
}

/** A group's name in the UI language. The API names partners and clusters; sources and periods are codes. */
function useGroupName(by: FunnelBreakdown) {
  const { t } = useTranslation();
  const labels = usePipelineLabels();
  const { user } = useCurrentSession();
  return useMemo(
    () =>
      (group: FunnelGroup): string => {
        if (by === 'none') return t('funnel.all');
        if (group.key === 'none') return t(`funnel.noneOf.${by}`);
        if (by === 'source') return labels.source(group.key);
        if (by === 'partner' || by === 'cluster') return group.label ?? group.key;
        // The API names officers by id only: the signed-in officer sees their own line as "me".
        if (by === 'officer')
          return group.key === user.id ? t('funnel.me') : t('funnel.officer', { id: group.key.slice(0, 8) });
        return group.key;
      },
    [by, t, labels, user.id],
  );
}
