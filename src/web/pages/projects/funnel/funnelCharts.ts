import { type PipelineStage, pipelineStages } from '../../../../domain/project-stages.ts';
import type { FunnelGroup, FunnelStage } from '../../../api/projects.ts';
import type { ChartOption } from '../../../components/EChart.tsx';

const stageOf = (group: FunnelGroup, stage: PipelineStage) =>
  group.stages.find((s) => s.stage === stage) as FunnelStage;

const ratio = (a: number, b: number) => Math.round((a / b) * 10_000) / 10_000;

/** Adds the groups' figures together: the whole pipeline when the page is broken down. */
export function totalGroup(groups: FunnelGroup[]): FunnelGroup {
  const stages: FunnelStage[] = (groups[0]?.stages ?? []).map(({ stage }) => {
    const cells = groups.map((g) => g.stages.find((s) => s.stage === stage)).filter((s) => s !== undefined);
    return {
      stage,
      count: cells.reduce((n, s) => n + s.count, 0),
      amountYuan: cells.reduce((n, s) => n + BigInt(s.amountYuan), 0n).toString(),
      reached: cells.reduce((n, s) => n + s.reached, 0),
      reachedAmountYuan: cells.reduce((n, s) => n + BigInt(s.reachedAmountYuan), 0n).toString(),
      conversionToNext: null,
      // A median of medians is not the median: across several groups the total shows none rather than a wrong one.
      medianDays: groups.length === 1 ? (cells[0]?.medianDays ?? null) : null,
      completedStays: cells.reduce((n, s) => n + s.completedStays, 0),
    };
  });
  for (const [i, stage] of pipelineStages.entries()) {
    const next = pipelineStages[i + 1];
    const here = stages.find((s) => s.stage === stage);
    const there = stages.find((s) => s.stage === next);
    if (here && there && here.reached > 0) here.conversionToNext = ratio(there.reached, here.reached);
  }
  return {
    key: 'all',
    label: null,
    count: groups.reduce((n, g) => n + g.count, 0),
    amountYuan: groups.reduce((n, g) => n + BigInt(g.amountYuan), 0n).toString(),
    stages,
  };
}

/** The pipeline as a funnel: how many projects ever reached each stage, lead at the top. */
export function funnelOption(group: FunnelGroup, stageLabel: (stage: string) => string): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        minSize: '8%',
        gap: 2,
        label: { show: true, position: 'inside', formatter: '{b} {c}' },
        data: pipelineStages.map((stage) => ({
          name: stageLabel(stage),
          value: stageOf(group, stage).reached,
        })),
      },
    ],
  };
}

/** Projects that reached each stage, a bar per group: which source, partner or officer carries them furthest. */
export function breakdownOption(
  groups: { name: string; group: FunnelGroup }[],
  stageLabel: (stage: string) => string,
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 24 },
    xAxis: { type: 'category', data: pipelineStages.map(stageLabel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: groups.map(({ name, group }) => ({
      type: 'bar',
      name,
      data: pipelineStages.map((stage) => stageOf(group, stage).reached),
    })),
  };
}
