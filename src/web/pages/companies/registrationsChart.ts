/** Turns the registrations endpoint's series into an ECharts option: a continuous time axis, stacked series. */
import type { Period, RegistrationSeries } from '../../api/companies.ts';
import type { ChartOption } from '../../components/EChart.tsx';

/** Above this many series the smallest are summed into one "other" series, so the chart stays readable. */
export const MAX_SERIES = 12;
export const OTHER_KEY = '__other__';

/** Every period from the first to the last, so gaps show as zero rather than vanish: '2021-11', '2021-12', '2022-01'. */
export function periodRange(first: string, last: string, period: Period): string[] {
  const out: string[] = [];
  if (period === 'year') {
    for (let year = Number(first); year <= Number(last); year++) out.push(String(year));
    return out;
  }
  let [year, month] = first.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = last.split('-').map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

export interface ChartSeries {
  key: string;
  total: number;
  counts: number[];
}

/** The series on a shared axis, largest first, the tail beyond {@link MAX_SERIES} folded into one. */
export function alignSeries(
  series: RegistrationSeries[],
  period: Period,
): { categories: string[]; series: ChartSeries[] } {
  const periods = series.flatMap((item) => item.points.map((point) => point.period)).sort();
  const first = periods[0];
  const last = periods.at(-1);
  if (!first || !last) return { categories: [], series: [] };
  const categories = periodRange(first, last, period);
  const index = new Map(categories.map((category, i) => [category, i]));
  const aligned = series
    .map((item) => {
      const counts = new Array<number>(categories.length).fill(0);
      for (const point of item.points) {
        const at = index.get(point.period);
        if (at !== undefined) counts[at] = (counts[at] ?? 0) + point.count;
      }
      return { key: item.key, total: item.total, counts };
    })
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  if (aligned.length <= MAX_SERIES) return { categories, series: aligned };
  const kept = aligned.slice(0, MAX_SERIES - 1);
  const rest = aligned.slice(MAX_SERIES - 1);
  const other: ChartSeries = {
    key: OTHER_KEY,
    total: rest.reduce((sum, item) => sum + item.total, 0),
    counts: categories.map((_, i) => rest.reduce((sum, item) => sum + (item.counts[i] ?? 0), 0)),
  };
  return { categories, series: [...kept, other] };
}

export interface ChartTexts {
  label: (key: string) => string;
  count: string;
}

/** Stacked bars, or stacked areas for 'line'; a zoom slider when there are many periods (months). */
export function registrationsOption(
  data: { categories: string[]; series: ChartSeries[] },
  kind: 'bar' | 'line',
  texts: ChartTexts,
): ChartOption {
  const many = data.categories.length > 36;
  const showLegend = data.series.length > 1;
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: kind === 'bar' ? 'shadow' : 'line' }, confine: true },
    legend: showLegend ? { type: 'scroll', top: 0 } : { show: false },
    grid: { left: 8, right: 16, top: showLegend ? 56 : 24, bottom: many ? 56 : 8, containLabel: true },
    xAxis: { type: 'category', data: data.categories, boundaryGap: kind === 'bar' },
    yAxis: { type: 'value', name: texts.count, minInterval: 1 },
    dataZoom: many
      ? [
          { type: 'slider', startValue: Math.max(0, data.categories.length - 60), bottom: 8 },
          { type: 'inside' },
        ]
      : [],
    series: data.series.map((item) =>
      kind === 'bar'
        ? {
            type: 'bar' as const,
            name: texts.label(item.key),
            stack: 'registrations',
            data: item.counts,
            emphasis: { focus: 'series' as const },
          }
        : {
            type: 'line' as const,
            name: texts.label(item.key),
            stack: 'registrations',
            data: item.counts,
            areaStyle: { opacity: 0.35 },
            symbol: 'none',
            emphasis: { focus: 'series' as const },
          },
    ),
  };
}
