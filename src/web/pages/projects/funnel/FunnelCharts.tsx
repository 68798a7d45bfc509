import { Grid, Paper, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FunnelBreakdown, FunnelGroup } from '../../../api/projects.ts';
import { EChart } from '../../../components/EChart.tsx';
import { Money } from '../../../components/Money.tsx';
import { usePipelineLabels } from '../labels.ts';
import { breakdownOption, funnelOption } from './funnelCharts.ts';

/** Groups drawn as bars beside each other before the chart stops being readable; the table lists them all. */
const MAX_BARS = 8;

/**
 * The funnel's charts and tables, in their own module so that ECharts loads only when the page is opened.
 * `total` is the whole filtered pipeline, `groups` its breakdown with a display name for each.
 */
export function FunnelCharts({
  by,
  total,
  groups,
}: {
  by: FunnelBreakdown;
  total: FunnelGroup;
  groups: { name: string; group: FunnelGroup }[];
}) {
  const { t } = useTranslation();
  const labels = usePipelineLabels();
  const funnel = useMemo(() => funnelOption(total, labels.stage), [total, labels]);
  const bars = useMemo(
    () =>
      breakdownOption(
        [...groups].sort((a, b) => b.group.count - a.group.count).slice(0, MAX_BARS),
        labels.stage,
      ),
    [groups, labels],
  );
  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: by === 'none' ? 5 : 4 }}>
          <Paper withBorder p="md" radius="md" h="100%">
            <Text fw={600}>{t('funnel.reachedTitle')}</Text>
            <EChart option={funnel} height={340} ariaLabel={t('funnel.reachedTitle')} testId="funnel-chart" />
          </Paper>
        </Grid.Col>
        {by === 'none' ? (
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <StageTable group={total} />
          </Grid.Col>
        ) : (
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Paper withBorder p="md" radius="md" h="100%">
              <Text fw={600}>{t('funnel.breakdownTitle', { by: t(`funnel.by.${by}`) })}</Text>
              <EChart
                option={bars}
                height={340}
                ariaLabel={t('funnel.breakdownTitle', { by: t(`funnel.by.${by}`) })}
                testId="funnel-breakdown-chart"
              />
            </Paper>
          </Grid.Col>
        )}
      </Grid>
      {by === 'none' ? null : (
        <>
          <GroupTable by={by} groups={groups} />
          <StageTable group={total} />
        </>
      )}
    </Stack>
  );
}

const percent = (language: string) =>
  new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });

/** Every stage: projects there now and their amount, projects that ever reached it, conversion and median stay. */
function StageTable({ group }: { group: FunnelGroup }) {
  const { t, i18n } = useTranslation();
  const labels = usePipelineLabels();
  const pct = percent(i18n.language);
  return (
    <Paper withBorder p="md" radius="md">
      <Table.ScrollContainer minWidth={620}>
        <Table verticalSpacing={4} data-testid="funnel-stage-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pipeline.fields.stage')}</Table.Th>
              <Table.Th ta="right">{t('funnel.now')}</Table.Th>
              <Table.Th ta="right">{t('funnel.amountNow')}</Table.Th>
              <Table.Th ta="right">{t('funnel.reached')}</Table.Th>
              <Table.Th ta="right">{t('funnel.conversion')}</Table.Th>
              <Table.Th ta="right">{t('funnel.medianDays')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.stages.map((s) => (
              <Table.Tr key={s.stage} data-testid="funnel-stage-row" data-stage={s.stage}>
                <Table.Td>{labels.stage(s.stage)}</Table.Td>
                <Table.Td ta="right" data-testid="funnel-count">
                  {s.count}
                </Table.Td>
                <Table.Td ta="right">
                  <Money yuan={s.amountYuan} />
                </Table.Td>
                <Table.Td ta="right" data-testid="funnel-reached">
                  {s.reached}
                </Table.Td>
                <Table.Td ta="right">
                  {s.conversionToNext === null ? '—' : pct.format(s.conversionToNext)}
                </Table.Td>
                <Table.Td ta="right">{s.medianDays === null ? '—' : s.medianDays}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** One row per group: its size, amount, and how many of its leads reached signing. */
function GroupTable({ by, groups }: { by: FunnelBreakdown; groups: { name: string; group: FunnelGroup }[] }) {
  const { t, i18n } = useTranslation();
  const pct = percent(i18n.language);
  const reached = (group: FunnelGroup, stage: string) =>
    group.stages.find((s) => s.stage === stage)?.reached ?? 0;
  return (
    <Paper withBorder p="md" radius="md">
      <Table.ScrollContainer minWidth={620}>
        <Table verticalSpacing={4} data-testid="funnel-group-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(`funnel.by.${by}`)}</Table.Th>
              <Table.Th ta="right">{t('funnel.projects')}</Table.Th>
              <Table.Th ta="right">{t('funnel.amountNow')}</Table.Th>
              <Table.Th ta="right">{t('funnel.signed')}</Table.Th>
              <Table.Th ta="right">{t('funnel.leadToSigned')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map(({ name, group }) => {
              const leads = reached(group, 'lead');
              const signed = reached(group, 'signed');
              return (
                <Table.Tr key={group.key} data-testid="funnel-group-row">
                  <Table.Td>{name}</Table.Td>
                  <Table.Td ta="right">{group.count}</Table.Td>
                  <Table.Td ta="right">
                    <Money yuan={group.amountYuan} />
                  </Table.Td>
                  <Table.Td ta="right">{signed}</Table.Td>
                  <Table.Td ta="right">{leads ? pct.format(signed / leads) : '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
