/* eslint-disable @typescript-eslint/no-non-null-assertion -- numeric kernels over typed arrays: every index is bounded by its loop, and a check per multiply-add would cost more than the arithmetic. */
import type { ConversionPath, PathWeights } from './conversion-path';

/** State ids fixed by construction: every other id is a transient (channel-history) state. */
export const START = 0;
const CONVERSION = 1;
const NULL = 2;

/**
 * The shape of a Markov chain over journeys: a start state, one state per history of the last
 * `order` touches (shorter at a journey's beginning), and the absorbing states conversion and null.
 * A touch repeated in a row stays a self-transition: the data says the journey stayed there. Each
 * path's transitions are listed once; weights (how many journeys took them) come per call, so a
 * bootstrap resample reuses the shape.
 */
export interface ChainShape {
  /** Channels each state's history holds, by state id (empty for start, conversion and null). */
  channelsOfState: string[][];
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  /** Outgoing edges of each state, as ranges of `outEdges` (CSR). */
  outStart: Int32Array;
  outEdges: Int32Array;
  /** Per path p: its internal edges are pathEdges[pathStart[p] .. pathStart[p + 1]]; then its edges to conversion and null (-1 without touches). */
  pathStart: Int32Array;
  pathEdges: Int32Array;
  toConversion: Int32Array;
  toNull: Int32Array;
}

export function buildChainShape(paths: readonly ConversionPath[], order: number): ChainShape {
  const ids = new Map<string, number>();
  const channelsOfState: string[][] = [[], [], []];
  const edges = new Map<number, number>();
  const from: number[] = [];
  const to: number[] = [];
  // States number well below 2^20 for any chain worth solving, so a pair fits one number key.
  const edgeOf = (a: number, b: number) => {
    const key = a * 1_048_576 + b;
    let e = edges.get(key);
    if (e === undefined) {
      e = from.length;
      edges.set(key, e);
      from.push(a);
      to.push(b);
    }
    return e;
  };
  const stateOf = (touches: readonly string[], i: number): number => {
    const history = touches.slice(Math.max(0, i - order + 1), i + 1);
    const key = history.join('\u0000');
    let id = ids.get(key);
    if (id === undefined) {
      id = channelsOfState.length;
      ids.set(key, id);
      channelsOfState.push([...new Set(history)]);
    }
    return id;
  };
  const pathStart = new Int32Array(paths.length + 1);
  const pathEdges: number[] = [];
  const toConversion = new Int32Array(paths.length).fill(-1);
  const toNull = new Int32Array(paths.length).fill(-1);
  paths.forEach((p, k) => {
    let previous = START;
    p.touches.forEach((_, i) => {
      const state = stateOf(p.touches, i);
      pathEdges.push(edgeOf(previous, state));
      previous = state;
    });
    pathStart[k + 1] = pathEdges.length;
    if (p.touches.length > 0) {
      toConversion[k] = edgeOf(previous, CONVERSION);
      toNull[k] = edgeOf(previous, NULL);
    }
  });
  const stateCount = channelsOfState.length;
  const outStart = new Int32Array(stateCount + 1);
  for (const f of from) outStart[f + 1]! += 1;
  for (let s = 0; s < stateCount; s++) outStart[s + 1]! += outStart[s]!;
  const fill = outStart.slice(0, stateCount);
  const outEdges = new Int32Array(from.length);
  from.forEach((f, e) => (outEdges[fill[f]!++] = e));
  return {
    channelsOfState,
    edgeFrom: Int32Array.from(from),
    edgeTo: Int32Array.from(to),
    outStart,
    outEdges,
    pathStart,
    pathEdges: Int32Array.from(pathEdges),
    toConversion,
    toNull,
  };
}

/** How many journeys took each edge under the given path weights. */
export function edgeWeightsOf(shape: ChainShape, w: PathWeights): Float64Array {
  const ew = new Float64Array(shape.edgeFrom.length);
  const { pathStart, pathEdges } = shape;
  for (let p = 0; p < pathStart.length - 1; p++) {
    const journeys = w.conversions[p]! + w.nulls[p]!;
    if (journeys <= 0 || pathStart[p + 1] === pathStart[p]) continue;
    for (let i = pathStart[p]!; i < pathStart[p + 1]!; i++) ew[pathEdges[i]!]! += journeys;
    ew[shape.toConversion[p]!]! += w.conversions[p]!;
    ew[shape.toNull[p]!]! += w.nulls[p]!;
  }
  return ew;
}

/** Up to this many transient states the chain is solved exactly by elimination; beyond, see conversionProbability. */
const DENSE_LIMIT = 60;

/**
 * Probability that a journey from the start state is absorbed in conversion, with the states whose
 * history holds `removed` turned into null (every transition into the removed channel goes to null).
 * Solved exactly, (I − Q)x = r by Gaussian elimination, up to DENSE_LIMIT states (order 1 over a few dozen channels);
 * above it by Gauss–Seidel iteration until no value moves by 1e-14, which converges on any absorbing
 * chain and is exact to double precision in practice.
 */
export function conversionProbability(shape: ChainShape, ew: Float64Array, removed?: string, method?: 'dense' | 'iterative'): number {
  const stateCount = shape.channelsOfState.length;
  const alive = new Uint8Array(stateCount);
  const live: number[] = [];
  for (let s = 0; s < stateCount; s++) {
    if (s === CONVERSION || s === NULL) continue;
    if (removed !== undefined && shape.channelsOfState[s]!.includes(removed)) continue;
    alive[s] = 1;
    live.push(s);
  }
  const total = new Float64Array(stateCount);
  for (let e = 0; e < ew.length; e++) total[shape.edgeFrom[e]!]! += ew[e]!;
  const dense = method ? method === 'dense' : live.length <= DENSE_LIMIT;
  return dense ? solveDense(shape, ew, total, live) : solveIterative(shape, ew, total, alive, live);
}

/**
 * Gaussian elimination with partial pivoting on (I − Q)x = r. Written here rather than taken from
 * ml-matrix because these systems are tiny (≤ DENSE_LIMIT) and solved thousands of times per
 * bootstrap, where building library matrices cost more than the arithmetic.
 */
function solveDense(shape: ChainShape, ew: Float64Array, total: Float64Array, live: number[]): number {
  const n = live.length;
  const index = new Int32Array(shape.channelsOfState.length).fill(-1);
  live.forEach((s, i) => (index[s] = i));
  const a = new Float64Array(n * (n + 1));
  live.forEach((s, i) => {
    a[i * (n + 1) + i] = 1;
    if (total[s] === 0) return;
    for (let k = shape.outStart[s]!; k < shape.outStart[s + 1]!; k++) {
      const e = shape.outEdges[k]!;
      const p = ew[e]! / total[s]!;
      const t = shape.edgeTo[e]!;
      if (t === CONVERSION) a[i * (n + 1) + n]! += p;
      else if (index[t]! >= 0) a[i * (n + 1) + index[t]!]! -= p;
    }
  });
  const row = (i: number) => i * (n + 1);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[row(r) + c]!) > Math.abs(a[row(pivot) + c]!)) pivot = r;
    if (pivot !== c) for (let k = c; k <= n; k++) [a[row(c) + k], a[row(pivot) + k]] = [a[row(pivot) + k]!, a[row(c) + k]!];
    const d = a[row(c) + c]!;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[row(r) + c]! / d;
      if (f !== 0) for (let k = c; k <= n; k++) a[row(r) + k]! -= f * a[row(c) + k]!;
    }
  }
  const i = index[START]!;
  return a[row(i) + n]! / a[row(i) + i]!;
}

function solveIterative(shape: ChainShape, ew: Float64Array, total: Float64Array, alive: Uint8Array, live: number[]): number {
  const x = new Float64Array(shape.channelsOfState.length);
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let change = 0;
    for (const s of live) {
      if (total[s] === 0) continue;
      let self = 0;
      let sum = 0;
      for (let k = shape.outStart[s]!; k < shape.outStart[s + 1]!; k++) {
        const e = shape.outEdges[k]!;
        const t = shape.edgeTo[e]!;
        if (t === s) self += ew[e]!;
        else if (t === CONVERSION) sum += ew[e]!;
        else if (alive[t]) sum += ew[e]! * x[t]!;
      }
      // A state whose only exit is itself never absorbs: its conversion probability is 0.
      const next = self === total[s] ? 0 : sum / (total[s]! - self);
      change = Math.max(change, Math.abs(next - x[s]!));
      x[s] = next;
    }
    if (change < 1e-14) break;
  }
  return x[START]!;
}
