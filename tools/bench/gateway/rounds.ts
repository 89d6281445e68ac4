import { offerLoad, percentile, type LoadResult } from './load';
import type { CpuSnapshot } from './process-cpu';

/**
 * Direct and gateway phases alternate over several rounds: the first phase of a run pays for what the
 * second inherits (JIT, connection pools, caches in the stores, the machine's other load), so a fixed
 * order flatters whichever path runs second. Both orders run equally often and each is reported.
 */
export type PathName = 'direct' | 'gateway';

export interface PhaseResult {
  path: PathName;
  round: number;
  /** Whether this path ran first in its round. */
  first: boolean;
  load: LoadResult;
  /** CPU seconds per process spent during the phase. */
  cpu: CpuSnapshot;
}

export interface RoundOptions {
  rounds: number;
  seconds: number;
  rps: number;
  paths: Record<PathName, () => Promise<boolean>>;
  snapshot: () => CpuSnapshot;
}

function delta(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  return new Map([...after].map(([name, seconds]) => [name, seconds - (before.get(name) ?? seconds)]));
}

/** Even rounds run direct first, odd rounds gateway first. */
export async function runRounds(options: RoundOptions): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order: PathName[] = round % 2 === 0 ? ['direct', 'gateway'] : ['gateway', 'direct'];
    for (const [i, path] of order.entries()) {
      const before = options.snapshot();
      const load = await offerLoad(options.rps, options.seconds, options.paths[path]);
      results.push({ path, round, first: i === 0, load, cpu: delta(before, options.snapshot()) });
    }
  }
  return results;
}

export interface PathSummary {
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  rps: number;
  cpu: CpuSnapshot;
}

/** Pools the latencies and CPU of several phases of one path. */
export function summarise(phases: readonly PhaseResult[]): PathSummary {
  const latencies = phases.flatMap((p) => p.load.latenciesMs);
  const seconds = phases.reduce((sum, p) => sum + p.load.seconds, 0);
  const cpu: CpuSnapshot = new Map();
  for (const phase of phases) for (const [name, s] of phase.cpu) cpu.set(name, (cpu.get(name) ?? 0) + s);
  return {
    requests: latencies.length,
    errors: phases.reduce((sum, p) => sum + p.load.errors, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: latencies.length / Math.max(seconds, 1e-9),
    cpu,
  };
}

/** gateway p99 / direct p99 of each round, in round order. */
export function roundRatios(phases: readonly PhaseResult[]): number[] {
  const rounds = [...new Set(phases.map((p) => p.round))];
  return rounds.map((round) => {
    const p99Of = (path: PathName) =>
      percentile(
        phases.filter((p) => p.round === round && p.path === path).flatMap((p) => p.load.latenciesMs),
        99,
      );
    return p99Of('gateway') / p99Of('direct');
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
