// Small statistics helpers for the benchmark report.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Median with min/max over repeated runs of one figure. */
export function acrossRuns(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

/**
 * Runs every variant once per sample, each sample starting with the next one (so that none always
 * runs first, or after the same one, and a busy machine weighs on all alike), after 20 warm-up
 * samples; prints each variant's p50 and p95. Sample i gets argument `args(i)`.
 */
export async function measureInterleaved<A extends unknown[]>(
  label: string,
  variants: Record<string, (...args: A) => Promise<unknown>>,
  args: (i: number) => A,
  samples: number,
): Promise<void> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const entries = Object.entries(variants);
  for (let i = 0; i < samples + 20; i += 1) {
    for (const [name, run] of [...entries.slice(i % entries.length), ...entries.slice(0, i % entries.length)]) {
      const start = performance.now();
      await run(...args(i));
      if (i >= 20) times[name]!.push(performance.now() - start);
    }
  }
  for (const [name, list] of Object.entries(times)) {
    const s = summarize(list);
    console.log(`${label}\t${name.padEnd(50)}\tp50 ${s.p50.toFixed(2)} ms\tp95 ${s.p95.toFixed(2)} ms`);
  }
}
