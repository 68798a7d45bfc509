import { describe, expect, it } from 'vitest';
import { stages } from '../../../../domain/project-stages.ts';
import type { FunnelGroup } from '../../../api/projects.ts';
import { breakdownOption, funnelOption, totalGroup } from './funnelCharts.ts';

/** A group whose stages reached the given counts, each project worth 1,000,000 yuan. */
function group(key: string, reached: Record<string, number>, median: number | null = null): FunnelGroup {
  return {
    key,
    label: null,
    count: 0,
    amountYuan: '0',
    stages: stages.map((stage) => ({
      stage,
      count: 0,
      amountYuan: '0',
      reached: reached[stage] ?? 0,
      reachedAmountYuan: String((reached[stage] ?? 0) * 1_000_000),
      conversionToNext: null,
      medianDays: median,
      completedStays: 0,
    })),
  };
}

describe('funnel charts', () => {
  it('adds groups together and recomputes conversion from the sums', () => {
    const total = totalGroup([
      group('event', { lead: 4, contacted: 2, negotiating: 1 }, 10),
      group('direct', { lead: 6, contacted: 3, negotiating: 3 }, 20),
    ]);
    const lead = total.stages.find((s) => s.stage === 'lead');
    const contacted = total.stages.find((s) => s.stage === 'contacted');
    expect(lead).toMatchObject({ reached: 10, reachedAmountYuan: '10000000', conversionToNext: 0.5 });
    expect(contacted?.conversionToNext).toBeCloseTo(4 / 5);
    // No median is invented across groups.
    expect(lead?.medianDays).toBeNull();
    expect(totalGroup([group('all', { lead: 1 }, 7)]).stages[0]?.medianDays).toBe(7);
  });

  it('draws the pipeline stages only, lead first', () => {
    const option = funnelOption(group('all', { lead: 5, contacted: 2 }), (s) => s);
    const series = (option.series as { data: { name: string; value: number }[] }[])[0];
    expect(series?.data.map((d) => d.name)).toEqual([
      'lead',
      'contacted',
      'negotiating',
      'signed',
      'registered',
      'construction',
      'operating',
    ]);
    expect(series?.data[0]?.value).toBe(5);
    const bars = breakdownOption([{ name: 'A', group: group('a', { lead: 3 }) }], (s) => s);
    expect((bars.series as { name: string; data: number[] }[])[0]).toMatchObject({
      name: 'A',
      data: [3, 0, 0, 0, 0, 0, 0],
    });
  });
});
