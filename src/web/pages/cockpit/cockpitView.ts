/**
 * The cockpit's state in the URL (so a period and area is a link, shared by the page, the wall screen and the
 * monthly report) and its charts as ECharts options. Every chart item maps back to the list filter that opens
 * the rows it counts.
 */
import { addDays } from '../../../domain/calendar.ts';
import { yearEarlier } from '../../../domain/cockpit.ts';
import type { Cockpit, CockpitQuery, ListFilter } from '../../api/dashboard.ts';
import type { ChartOption } from '../../components/EChart.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period and area asked for in the URL; anything malformed is left to the defaults. */
export function cockpitQueryFromParams(params: URLSearchParams): CockpitQuery {
  const query: CockpitQuery = {};
  const since = params.get('since') ?? '';
  const until = params.get('until') ?? '';
  if (DATE.test(since)) query.since = since;
  if (DATE.test(until)) query.until = until;
  const zone = params.get('zone') ?? '';
  if (/^[0-9a-f-]{36}$/i.test(zone)) query.zone = zone;
  const town = (params.get('town') ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => /^\d{6,12}$/.test(t));
  if (town.length) query.town = town.join(',');
  return query;
}

export function cockpitQueryToParams(query: CockpitQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['since', 'until', 'zone', 'town'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  return params;
}

export type PeriodPreset = 'yearToDate' | 'lastMonth' | 'last12Months' | 'since2021';
export const PERIOD_PRESETS: PeriodPreset[] = ['yearToDate', 'lastMonth', 'last12Months', 'since2021'];

/** The days a preset stands for on a given day; the year so far is the API's default, so it sends none. */
export function presetPeriod(preset: PeriodPreset, today: string): { since?: string; until?: string } {
  const monthStart = `${today.slice(0, 7)}-01`;
  switch (preset) {
    case 'yearToDate':
      return {};
    case 'lastMonth': {
      const until = addDays(monthStart, -1);
      return { since: `${until.slice(0, 7)}-01`, until };
    }
    case 'last12Months':
      return { since: addDays(yearEarlier(today), 1), until: today };
    case 'since2021':
      return { since: '2021-01-01' };
  }
}

/** The calendar months of a period, 'YYYY-MM', in order: the registration chart's axis, gaps included. */
export function monthsOf(since: string, until: string): string[] {
  const months: string[] = [];
  let year = Number(since.slice(0, 4));
  let month = Number(since.slice(5, 7));
  const last = until.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** The days of one month that the period covers: a click on a month's bar opens exactly those companies. */
export function monthWithin(month: string, since: string, until: string): { from: string; to: string } {
  const first = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next =
    m === 12
      ? `${String(y + 1).padStart(4, '0')}-01-01`
      : `${month.slice(0, 5)}${String(m + 1).padStart(2, '0')}-01`;
  const last = addDays(next, -1);
  return { from: first < since ? since : first, to: last > until ? until : last };
}

export function townMonthList(list: ListFilter, month: string, since: string, until: string): ListFilter {
  const { from, to } = monthWithin(month, since, until);
  return { ...list, query: { ...list.query, establishedFrom: from, establishedTo: to } };
}

export interface ChartColors {
  text: string;
  grid: string;
}

/** Yuan as 亿元, two decimals: the unit leaders read project amounts in. */
export const yi = (yuan: string) => Math.round(Number(BigInt(yuan) / 10_000n) / 100) / 100;

const lightColors: ChartColors = { text: '#495057', grid: '#e9ecef' };

const axisLabel = (colors: ChartColors, fontSize: number) => ({ color: colors.text, fontSize });

/** Registrations per month, one stacked series per town; the series order is the API's. */
export function registrationsOption(
  cockpit: Cockpit,
  townLabel: (row: Cockpit['registrationsByTown'][number]) => string,
  fontSize = 12,
  colors: ChartColors = lightColors,
): { option: ChartOption; months: string[] } {
  const months = monthsOf(cockpit.period.since, cockpit.period.until);
  const option: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0, textStyle: { color: colors.text, fontSize } },
    grid: { left: 8, right: 16, top: fontSize + 24, bottom: months.length > 24 ? 28 : 8, containLabel: true },
    xAxis: { type: 'category', data: months, axisLabel: axisLabel(colors, fontSize) },
    yAxis: {
      type: 'value',
      axisLabel: axisLabel(colors, fontSize),
      splitLine: { lineStyle: { color: colors.grid } },
    },
    ...(months.length > 24
      ? { dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 0 }] }
      : {}),
    series: cockpit.registrationsByTown.map((row) => {
      const byMonth = new Map(row.points.map((p) => [p.month, p.companies]));
      return {
        type: 'bar',
        stack: 'towns',
        name: townLabel(row),
        data: months.map((m) => byMonth.get(m) ?? 0),
      };
    }),
  };
  return { option, months };
}

/**
 * The pipeline's value in each stage now (亿元), a bar per stage from lead down, the count beside the stage's
 * name; a bar opens its projects.
 */
export function pipelineOption(
  cockpit: Cockpit,
  stageLabel: (stage: string) => string,
  fontSize = 12,
  colors: ChartColors = lightColors,
): ChartOption {
  const rows = [...cockpit.pipeline].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      axisLabel: axisLabel(colors, fontSize),
      splitLine: { lineStyle: { color: colors.grid } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((s) => `${stageLabel(s.stage)} (${s.projects})`),
      axisLabel: { ...axisLabel(colors, fontSize), interval: 0 },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((s) => yi(s.amountYuan)),
        label: { show: true, position: 'right', color: colors.text, fontSize },
        itemStyle: { color: '#4c6ef5' },
      },
    ],
  };
}

/** The list behind a clicked bar of the pipeline chart (drawn from the bottom up, so in reverse). */
export function stageAt(cockpit: Cockpit, dataIndex: number): ListFilter | undefined {
  return cockpit.pipeline[cockpit.pipeline.length - 1 - dataIndex]?.list;
}

/** Projects that reached each pipeline stage, lead at the top; a layer opens the projects that reached it. */
export function funnelOption(
  cockpit: Cockpit,
  stageLabel: (stage: string) => string,
  fontSize = 12,
  labelColor = lightColors.text,
): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '4%',
        width: '58%',
        top: 8,
        bottom: 8,
        minSize: '12%',
        gap: 2,
        // Beside the layer, as the narrow bottom layers cannot hold their names.
        label: { show: true, position: 'right', formatter: '{b} {c}', fontSize, color: labelColor },
        labelLine: { show: true },
        data: cockpit.funnel.map((s) => ({ name: stageLabel(s.stage), value: s.reached })),
      },
    ],
  };
}

/** The top clusters by signed amount (亿元), largest on top; a bar opens the cluster's signings. */
export function clustersOption(
  cockpit: Cockpit,
  clusterLabel: (row: Cockpit['topClusters'][number]) => string,
  fontSize = 12,
  colors: ChartColors = lightColors,
): ChartOption {
  const rows = [...cockpit.topClusters].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      axisLabel: axisLabel(colors, fontSize),
      splitLine: { lineStyle: { color: colors.grid } },
    },
    yAxis: { type: 'category', data: rows.map(clusterLabel), axisLabel: axisLabel(colors, fontSize) },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => yi(r.amountYuan)),
        label: { show: true, position: 'right', color: colors.text, fontSize },
        itemStyle: { color: '#12b886' },
      },
    ],
  };
}

/** The list behind a clicked bar of the clusters chart (drawn largest on top, so in reverse). */
export function clusterAt(cockpit: Cockpit, dataIndex: number): ListFilter | undefined {
  return cockpit.topClusters[cockpit.topClusters.length - 1 - dataIndex]?.list;
}
