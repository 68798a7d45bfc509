import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type Cockpit, type ListFilter, listHref } from '../../api/dashboard.ts';
import { EChart } from '../../components/EChart.tsx';
import { pickName } from '../../i18n/index.ts';
import { usePipelineLabels } from '../projects/labels.ts';
import {
  type ChartColors,
  clusterAt,
  clustersOption,
  funnelOption,
  pipelineOption,
  registrationsOption,
  stageAt,
  townMonthList,
} from './cockpitView.ts';

export interface CockpitChartProps {
  cockpit: Cockpit;
  /** The wall screen draws larger text on a dark ground. */
  wall: boolean;
  height: number;
}

const wallColors: ChartColors = { text: '#dee2e6', grid: '#2c2e33' };
const fontSize = (wall: boolean) => (wall ? 16 : 12);
const colors = (wall: boolean) => (wall ? wallColors : undefined);

/** A chart item opens the list that counts it, as a card does. */
function useOpen() {
  const navigate = useNavigate();
  return (list: ListFilter | undefined) => {
    if (list) void navigate(listHref(list));
  };
}

/** Registrations per month, stacked by town; a bar segment opens that town's companies of that month. */
export function RegistrationsChart({ cockpit, wall, height }: CockpitChartProps) {
  const { t, i18n } = useTranslation();
  const open = useOpen();
  const { option, months } = useMemo(
    () =>
      registrationsOption(
        cockpit,
        (row) =>
          row.town ? pickName(i18n.language, row.nameZh ?? row.town, row.nameEn) : t('cockpit.noTown'),
        fontSize(wall),
        colors(wall),
      ),
    [cockpit, i18n.language, t, wall],
  );
  return (
    <EChart
      option={option}
      height={height}
      ariaLabel={t('cockpit.registrations')}
      testId="cockpit-registrations-chart"
      onItemClick={({ dataIndex, seriesIndex }) => {
        const row = cockpit.registrationsByTown[seriesIndex];
        const month = months[dataIndex];
        if (row && month) open(townMonthList(row.list, month, cockpit.period.since, cockpit.period.until));
      }}
    />
  );
}

export function PipelineChart({ cockpit, wall, height }: CockpitChartProps) {
  const { t } = useTranslation();
  const labels = usePipelineLabels();
  const open = useOpen();
  const option = useMemo(
    () => pipelineOption(cockpit, labels.stage, fontSize(wall), colors(wall)),
    [cockpit, labels, wall],
  );
  return (
    <EChart
      option={option}
      height={height}
      ariaLabel={t('cockpit.pipeline')}
      testId="cockpit-pipeline-chart"
      onItemClick={({ dataIndex }) => open(stageAt(cockpit, dataIndex))}
    />
  );
}

export function FunnelChart({ cockpit, wall, height }: CockpitChartProps) {
  const { t } = useTranslation();
  const labels = usePipelineLabels();
  const open = useOpen();
  const option = useMemo(
    () => funnelOption(cockpit, labels.stage, fontSize(wall), colors(wall)?.text),
    [cockpit, labels, wall],
  );
  return (
    <EChart
      option={option}
      height={height}
      ariaLabel={t('cockpit.funnel')}
      testId="cockpit-funnel-chart"
      onItemClick={({ dataIndex }) => open(cockpit.funnel[dataIndex]?.list)}
    />
  );
}

export function ClustersChart({ cockpit, wall, height }: CockpitChartProps) {
  const { t, i18n } = useTranslation();
  const open = useOpen();
  const option = useMemo(
    () =>
      clustersOption(
        cockpit,
        (row) => pickName(i18n.language, row.nameZh ?? row.clusterId, row.nameEn),
        fontSize(wall),
        colors(wall),
      ),
    [cockpit, i18n.language, wall],
  );
  return (
    <EChart
      option={option}
      height={height}
      ariaLabel={t('cockpit.topClusters')}
      testId="cockpit-clusters-chart"
      onItemClick={({ dataIndex }) => open(clusterAt(cockpit, dataIndex))}
    />
  );
}
