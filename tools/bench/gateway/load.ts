/** Open-loop load: requests start on schedule whatever the latency, so a slow server cannot slow the offered rate. */
export interface LoadResult {
  latenciesMs: number[];
  errors: number;
  seconds: number;
}

export async function offerLoad(rps: number, seconds: number, request: () => Promise<boolean>): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const total = Math.round(rps * seconds);
  const interval = 1000 / rps;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      (async () => {
        const t0 = performance.now();
        const ok = await request().catch(() => false);
        if (ok) latenciesMs.push(performance.now() - t0);
        else errors++;
      })(),
    );
  }
  await Promise.all(inflight);
  return { latenciesMs, errors, seconds: (performance.now() - started) / 1000 };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
