/**
 * Day-of-week aware reference days: the same weekday in earlier weeks (up to `maxReferences` of
 * them, looking back at most `maxWeeks`), skipping days already flagged so that an incident lasting
 * weeks is still measured against the time before it.
 */
export function referenceDays(
  day: number,
  usable: (d: number) => boolean,
  options: { maxReferences?: number; maxWeeks?: number; period?: number } = {},
): number[] {
  const found: number[] = [];
  for (let week = 1; week <= (options.maxWeeks ?? 8) && found.length < (options.maxReferences ?? 4); week++) {
    // A period of 7 compares a day with the same weekday; a series of whole weeks uses a period of 1.
    const d = day - (options.period ?? 7) * week;
    if (d < 0) break;
    if (usable(d)) found.push(d);
  }
  return found;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** A flagged day: its value against its baseline. */
export interface FlaggedDay {
  day: number;
  baseline: number;
  observed: number;
  score: number;
}

/** Consecutive flagged days (allowing one quiet day inside) merged into runs. */
export function runsOf(flagged: readonly FlaggedDay[], maxHole = 1): FlaggedDay[][] {
  const runs: FlaggedDay[][] = [];
  for (const f of [...flagged].sort((a, b) => a.day - b.day)) {
    const run = runs[runs.length - 1];
    const lastDay = run?.[run.length - 1]?.day;
    if (run && lastDay !== undefined && f.day - lastDay <= maxHole + 1) run.push(f);
    else runs.push([f]);
  }
  return runs;
}
