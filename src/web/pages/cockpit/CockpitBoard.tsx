import {
  Anchor,
  Badge,
  Box,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Cockpit, type ListFilter, listHref } from '../../api/dashboard.ts';
import { useClusters, useSites } from '../../api/territory.ts';
import { useMoneyFormat } from '../../components/Money.tsx';
import { pickName } from '../../i18n/index.ts';
import type { CockpitChartProps } from './CockpitCharts.tsx';

// ECharts loads with the cockpit's charts, not with the app.
const chart = (name: 'RegistrationsChart' | 'PipelineChart' | 'FunnelChart' | 'ClustersChart') =>
  lazy(() => import('./CockpitCharts.tsx').then((module) => ({ default: module[name] })));
const RegistrationsChart = chart('RegistrationsChart');
const PipelineChart = chart('PipelineChart');
const FunnelChart = chart('FunnelChart');
const ClustersChart = chart('ClustersChart');

/** How the board is drawn: in the app beside the navigation, or alone on a wall screen. */
export type BoardMode = 'page' | 'wall';

function Panel({
  title,
  wall,
  children,
  testId,
  extra,
}: {
  title: string;
  wall: boolean;
  children: ReactNode;
  testId: string;
  extra?: ReactNode;
}) {
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      h="100%"
      bg={wall ? 'dark.7' : undefined}
      data-testid={testId}
      className="cockpit-panel"
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fw={600} size={wall ? 'xl' : 'md'} c={wall ? 'gray.2' : undefined}>
          {title}
        </Text>
        {extra}
      </Group>
      {children}
    </Paper>
  );
}

/** A headline figure; the whole card is the link to the rows it counts. */
function FigureCard({
  label,
  value,
  detail,
  list,
  wall,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  list: ListFilter;
  wall: boolean;
  testId: string;
}) {
  return (
    <UnstyledButton component={Link} to={listHref(list)} data-testid={testId} className="cockpit-card">
      <Paper withBorder p="md" radius="md" h="100%" bg={wall ? 'dark.7' : undefined}>
        <Text size={wall ? 'lg' : 'sm'} c={wall ? 'gray.5' : 'dimmed'}>
          {label}
        </Text>
        <Text
          fw={700}
          fz={wall ? 40 : 30}
          lh={1.2}
          c={wall ? 'white' : 'indigo.8'}
          data-testid={`${testId}-value`}
        >
          {value}
        </Text>
        {detail ? (
          <Text size={wall ? 'lg' : 'sm'} c={wall ? 'gray.4' : undefined} mt={4}>
            {detail}
          </Text>
        ) : null}
      </Paper>
    </UnstyledButton>
  );
}

function ChartSlot({ height, children }: { height: number; children: ReactNode }) {
  return <Suspense fallback={<Skeleton h={height} />}>{children}</Suspense>;
}

/** The cockpit's figures and charts for one period and area: the same board in the app and on a wall screen. */
export function CockpitBoard({ cockpit, mode }: { cockpit: Cockpit; mode: BoardMode }) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const wall = mode === 'wall';
  const number = new Intl.NumberFormat(i18n.language);
  const percent = new Intl.NumberFormat(i18n.language, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  // On the wall screen two rows of panels and the cards fill 1080 pixels without scrolling.
  const chartHeight = wall ? 280 : 300;
  const chartProps = (height = chartHeight): CockpitChartProps => ({ cockpit, wall, height });
  const nc = cockpit.newCompanies;
  const amountLine = (count: { projects: number; amountYuan: string }, testId: string) => (
    <span data-testid={testId} data-yuan={count.amountYuan}>
      {t('cockpit.amount', { amount: money.short(count.amountYuan) })}
    </span>
  );

  return (
    <Stack gap={wall ? 'lg' : 'md'} data-testid="cockpit-board">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing={wall ? 'lg' : 'md'}>
        <FigureCard
          label={t('cockpit.newCompanies')}
          value={number.format(nc.companies)}
          detail={
            <span data-testid="cockpit-new-companies-change">
              {nc.change === null
                ? t('cockpit.noPreviousYear')
                : t('cockpit.yearOnYear', {
                    change: percent.format(nc.change),
                    previous: number.format(nc.previousYear),
                  })}
            </span>
          }
          list={nc.list}
          wall={wall}
          testId="cockpit-new-companies"
        />
        <FigureCard
          label={t('cockpit.majorProjects')}
          value={number.format(cockpit.majorProjects.projects)}
          detail={amountLine(cockpit.majorProjects, 'cockpit-major-projects-amount')}
          list={cockpit.majorProjects.list}
          wall={wall}
          testId="cockpit-major-projects"
        />
        <FigureCard
          label={t('cockpit.foreignFunded')}
          value={number.format(cockpit.foreignFunded.projects)}
          detail={amountLine(cockpit.foreignFunded, 'cockpit-foreign-funded-amount')}
          list={cockpit.foreignFunded.list}
          wall={wall}
          testId="cockpit-foreign-funded"
        />
        <FigureCard
          label={t('cockpit.headquarters')}
          value={number.format(cockpit.headquarters.projects)}
          detail={amountLine(cockpit.headquarters, 'cockpit-headquarters-amount')}
          list={cockpit.headquarters.list}
          wall={wall}
          testId="cockpit-headquarters"
        />
        <FigureCard
          label={t('cockpit.signed')}
          value={number.format(cockpit.signed.projects)}
          detail={amountLine(cockpit.signed, 'cockpit-signed-amount')}
          list={cockpit.signed.list}
          wall={wall}
          testId="cockpit-signed"
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing={wall ? 'lg' : 'md'}>
        <Panel title={t('cockpit.registrations')} wall={wall} testId="cockpit-registrations">
          <ChartSlot height={chartHeight}>
            <RegistrationsChart {...chartProps()} />
          </ChartSlot>
        </Panel>
        <Panel title={t('cockpit.targets')} wall={wall} testId="cockpit-targets">
          <TargetBars cockpit={cockpit} wall={wall} />
        </Panel>
        <Panel
          title={t('cockpit.pipeline')}
          wall={wall}
          testId="cockpit-pipeline"
          extra={
            <Text
              size={wall ? 'lg' : 'sm'}
              c={wall ? 'gray.4' : 'dimmed'}
              data-testid="cockpit-pipeline-value"
            >
              {t('cockpit.pipelineValue', {
                amount: money.short(
                  cockpit.pipeline
                    .filter((s) => s.stage !== 'lost')
                    .reduce((n, s) => n + BigInt(s.amountYuan), 0n)
                    .toString(),
                ),
              })}
            </Text>
          }
        >
          <ChartSlot height={chartHeight}>
            <PipelineChart {...chartProps()} />
          </ChartSlot>
        </Panel>
        <Panel title={t('cockpit.funnel')} wall={wall} testId="cockpit-funnel">
          <ChartSlot height={chartHeight}>
            <FunnelChart {...chartProps()} />
          </ChartSlot>
        </Panel>
        <Panel title={t('cockpit.topClusters')} wall={wall} testId="cockpit-top-clusters">
          {cockpit.topClusters.length ? (
            <ChartSlot height={chartHeight}>
              <ClustersChart {...chartProps()} />
            </ChartSlot>
          ) : (
            <Text c="dimmed">{t('cockpit.nothingSigned')}</Text>
          )}
        </Panel>
        <Panel title={t('cockpit.partners')} wall={wall} testId="cockpit-partners">
          <PartnerTable cockpit={cockpit} wall={wall} />
        </Panel>
      </SimpleGrid>
    </Stack>
  );
}

/** What a target is for: the district, a cluster or a park. */
export function useTargetScope() {
  const { t, i18n } = useTranslation();
  const clusters = useClusters();
  const sites = useSites();
  return (target: { clusterId: string | null; siteId: string | null }) => {
    if (target.clusterId) {
      const c = clusters.data?.find((x) => x.id === target.clusterId);
      return c ? pickName(i18n.language, c.nameZh, c.nameEn) : t('cockpit.scope.cluster');
    }
    if (target.siteId) {
      const s = sites.data?.find((x) => x.id === target.siteId);
      return s ? pickName(i18n.language, s.nameZh, s.nameEn) : t('cockpit.scope.park');
    }
    return t('cockpit.scope.district');
  };
}

/** A target's value or actual as read: a count, or an amount in 万元 / 亿元. */
export function useTargetValue() {
  const { i18n } = useTranslation();
  const money = useMoneyFormat();
  const number = new Intl.NumberFormat(i18n.language);
  return (metric: string, value: string) =>
    metric === 'new_companies' || metric === 'major_projects'
      ? number.format(BigInt(value))
      : money.short(value);
}

function TargetBars({ cockpit, wall }: { cockpit: Cockpit; wall: boolean }) {
  const { t, i18n } = useTranslation();
  const scope = useTargetScope();
  const value = useTargetValue();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  if (!cockpit.targets.length)
    return (
      <Text c="dimmed" data-testid="cockpit-no-targets">
        {t('cockpit.noTargets', { year: cockpit.period.until.slice(0, 4) })}
      </Text>
    );
  return (
    <Stack gap={wall ? 'md' : 'sm'}>
      {cockpit.targets.map((target) => (
        <Anchor
          key={target.id}
          component={Link}
          to={listHref(target.list)}
          underline="never"
          c="inherit"
          data-testid="cockpit-target"
          data-metric={target.metric}
          data-actual={target.actual}
        >
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size={wall ? 'lg' : 'sm'} c={wall ? 'gray.3' : undefined} truncate>
              {t(`cockpit.metrics.${target.metric}`)} · {scope(target)}
            </Text>
            <Text
              size={wall ? 'lg' : 'sm'}
              c={wall ? 'gray.3' : undefined}
              fw={500}
              style={{ whiteSpace: 'nowrap' }}
            >
              {value(target.metric, target.actual)} / {value(target.metric, target.value)}
              {target.progress === null ? '' : ` · ${percent.format(target.progress)}`}
            </Text>
          </Group>
          <Progress
            value={Math.min(100, (target.progress ?? 0) * 100)}
            color={(target.progress ?? 0) >= 1 ? 'teal' : 'indigo'}
            size={wall ? 'lg' : 'md'}
            mt={4}
          />
        </Anchor>
      ))}
    </Stack>
  );
}

function PartnerTable({ cockpit, wall }: { cockpit: Cockpit; wall: boolean }) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  if (!cockpit.partnerLeaderboard.length) return <Text c="dimmed">{t('cockpit.noPartners')}</Text>;
  const size = wall ? 'md' : 'sm';
  return (
    <Box style={{ overflowY: 'auto', maxHeight: wall ? 280 : 300 }}>
      <Table verticalSpacing={wall ? 6 : 4} c={wall ? 'gray.2' : undefined} fz={size}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cockpit.partner')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.projects')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.signedAmount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cockpit.partnerLeaderboard.map((row, rank) => (
            <Table.Tr key={row.partnerId} data-testid="cockpit-partner-row">
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Badge size="sm" variant={rank < 3 ? 'filled' : 'light'} circle>
                    {rank + 1}
                  </Badge>
                  <Anchor
                    component={Link}
                    to={listHref(row.list)}
                    size={size}
                    c={wall ? 'gray.1' : undefined}
                  >
                    {pickName(i18n.language, row.nameZh ?? row.partnerId, row.nameEn)}
                  </Anchor>
                </Group>
              </Table.Td>
              <Table.Td ta="right">{row.projects}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {money.short(row.amountYuan)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
