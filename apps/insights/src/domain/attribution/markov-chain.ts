import { Matrix, solve } from 'ml-matrix';
import type { ConversionPath } from './conversion-path';

/** State ids fixed by construction: every other id is a transient (channel-history) state. */
export const START = 0;
const CONVERSION = 1;
const NULL = 2;

/**
 * A Markov chain over journeys: a start state, one state per history of the last `order` touches
 * (shorter at a journey's beginning), and the two absorbing states conversion and null. A touch
 * repeated in a row stays a self-transition: the data says the journey stayed there.
 */
export interface MarkovChain {
  /** Channels each state's history holds, by state id (empty for start, conversion and null). */
  channelsOfState: string[][];
  /** Transition counts out of each state: target id → weight. */
  out: Map<number, number>[];
}

export function buildChain(paths: readonly ConversionPath[], order: number): MarkovChain {
  const ids = new Map<string, number>();
  const chain: MarkovChain = { channelsOfState: [[], [], []], out: [new Map(), new Map(), new Map()] };
  const stateOf = (touches: readonly string[], i: number): number => {
    const history = touches.slice(Math.max(0, i - order + 1), i + 1);
    const key = history.join('\u0000');
    let id = ids.get(key);
    if (id === undefined) {
      id = chain.channelsOfState.length;
      ids.set(key, id);
      chain.channelsOfState.push([...new Set(history)]);
      chain.out.push(new Map());
    }
    return id;
  };
  const count = (from: number, to: number, weight: number) => {
    if (weight > 0) chain.out[from]!.set(to, (chain.out[from]!.get(to) ?? 0) + weight);
  };
  for (const p of paths) {
    const journeys = p.conversions + p.nulls;
    if (p.touches.length === 0 || journeys <= 0) continue;
    let previous = START;
    p.touches.forEach((_, i) => {
      const state = stateOf(p.touches, i);
      count(previous, state, journeys);
      previous = state;
    });
    count(previous, CONVERSION, p.conversions);
    count(previous, NULL, p.nulls);
  }
  return chain;
}

/** Above this many transient states a dense solve per removal costs too much; see conversionProbability. */
const DENSE_LIMIT = 300;

/**
 * Probability that a journey from the start state is absorbed in conversion, with the states whose
 * history holds `removed` turned into null (every transition into the removed channel goes to null).
 * Solved exactly, (I − Q)x = r by LU, up to DENSE_LIMIT states (order 1 in practice); above it by
 * Gauss–Seidel iteration to a change below 1e-14, which converges on any absorbing chain.
 */
export function conversionProbability(chain: MarkovChain, removed?: string, method?: 'dense' | 'iterative'): number {
  const live: number[] = [];
  for (let s = 0; s < chain.out.length; s++) {
    if (s === CONVERSION || s === NULL) continue;
    if (removed !== undefined && chain.channelsOfState[s]!.includes(removed)) continue;
    live.push(s);
  }
  const dense = method ? method === 'dense' : live.length <= DENSE_LIMIT;
  return dense ? solveDense(chain, live) : solveIterative(chain, live);
}

function rowOf(chain: MarkovChain, s: number): { total: number; targets: [number, number][] } {
  const targets = [...chain.out[s]!.entries()];
  return { total: targets.reduce((sum, [, w]) => sum + w, 0), targets };
}

function solveDense(chain: MarkovChain, live: number[]): number {
  const index = new Map(live.map((s, i) => [s, i]));
  const a = Matrix.eye(live.length);
  const r = Matrix.zeros(live.length, 1);
  live.forEach((s, i) => {
    const { total, targets } = rowOf(chain, s);
    if (total === 0) return;
    for (const [t, w] of targets) {
      if (t === CONVERSION) r.set(i, 0, r.get(i, 0) + w / total);
      const j = index.get(t);
      if (j !== undefined) a.set(i, j, a.get(i, j) - w / total);
    }
  });
  return solve(a, r).get(index.get(START)!, 0);
}

function solveIterative(chain: MarkovChain, live: number[]): number {
  const x = new Float64Array(chain.out.length);
  const alive = new Uint8Array(chain.out.length);
  for (const s of live) alive[s] = 1;
  const rows = live.map((s) => ({ s, ...rowOf(chain, s) }));
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let change = 0;
    for (const { s, total, targets } of rows) {
      if (total === 0) continue;
      let selfWeight = 0;
      let sum = 0;
      for (const [t, w] of targets) {
        if (t === s) selfWeight += w;
        else if (t === CONVERSION) sum += w;
        else if (alive[t]) sum += w * x[t]!;
      }
      // A state whose only exit is itself never absorbs: its conversion probability is 0.
      const next = selfWeight === total ? 0 : sum / (total - selfWeight);
      change = Math.max(change, Math.abs(next - x[s]!));
      x[s] = next;
    }
    if (change < 1e-14) break;
  }
  return x[START]!;
}
