/** The figures every benchmark quotes: medians and percentiles of its timings. */
export function median(xs: number[]): number {
  return pct(xs, 0.5);
}

export function pct(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}
