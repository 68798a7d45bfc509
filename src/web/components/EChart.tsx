import { Box, type BoxProps } from '@mantine/core';
import {
  BarChart,
  type BarSeriesOption,
  FunnelChart,
  type FunnelSeriesOption,
  LineChart,
  type LineSeriesOption,
} from 'echarts/charts';
import {
  DataZoomComponent,
  type DataZoomComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the app's charts use, so the bundle carries no more of ECharts than that.
use([
  BarChart,
  FunnelChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | FunnelSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
>;

export interface EChartProps extends BoxProps {
  option: ChartOption;
  /** CSS height of the chart; the width follows the container. */
  height?: number | string;
  /** Accessible description of what the chart shows. */
  ariaLabel?: string;
  testId?: string;
  /** Called with the index of the data item (and its series) a user clicked: charts that open a list. */
  onItemClick?: (item: { dataIndex: number; seriesIndex: number }) => void;
}

/** An ECharts canvas that follows its container's size and replaces its option on every change. */
export function EChart({ option, height = 360, ariaLabel, testId, onItemClick, ...boxProps }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  // The latest handler, so the chart is not rebuilt when the page renders a new closure.
  const clickHandler = useRef(onItemClick);
  clickHandler.current = onItemClick;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) =>
      clickHandler.current?.({ dataIndex: params.dataIndex, seriesIndex: params.seriesIndex ?? 0 }),
    );
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <Box
      ref={container}
      h={height}
      w="100%"
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={onItemClick ? { cursor: 'pointer' } : undefined}
      {...boxProps}
    />
  );
}
