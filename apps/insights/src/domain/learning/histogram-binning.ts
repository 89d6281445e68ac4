/**
 * Per-feature cut points for histogram tree learning: at most maxBins bins from training quantiles, so a
 * split search scans bins instead of every distinct value. A value x falls in the first bin b with
 * x <= cuts[b] (the last bin when it exceeds every cut), so "bin <= b" and "x <= cuts[b]" agree.
 */

export function fitCuts(values: Float64Array, maxBins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const cuts: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const at = Math.floor((k * n) / maxBins);
    if (at <= 0 || at >= n) continue;
    const below = sorted[at - 1] as number;
    let above = sorted[at] as number;
    if (below === above) {
      // A run of equal values straddles the quantile: cut just after the run instead of inside it.
      let next = at;
      while (next < n && (sorted[next] as number) === below) next++;
      if (next >= n) continue;
      above = sorted[next] as number;
    }
    const cut = (below + above) / 2;
    if (cuts.length === 0 || cut > (cuts[cuts.length - 1] as number)) cuts.push(cut);
  }
  return cuts;
}

export function binOf(cuts: readonly number[], value: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= (cuts[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
