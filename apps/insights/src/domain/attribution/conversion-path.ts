/**
 * One aggregated journey shape, in ChannelAttribution's layout: the touches (a channel or a campaign
 * per touch, oldest first), how many journeys of that shape converted (and their value) and how many
 * did not. `ageDays`, when known, is how long before the conversion (or the end of a non-converting
 * journey) each touch happened; only time decay reads it.
 */
export interface ConversionPath {
  touches: readonly string[];
  ageDays?: readonly number[];
  conversions: number;
  value: number;
  nulls: number;
}

/** Conversions (and conversion value) credited to each channel or campaign. */
export type Credit = Map<string, number>;

export function totalConversions(paths: readonly ConversionPath[]): number {
  return paths.reduce((sum, p) => sum + p.conversions, 0);
}

/** Every channel met on any path, sorted, so outputs list channels in a stable order. */
export function channelsOf(paths: readonly ConversionPath[]): string[] {
  const all = new Set<string>();
  for (const p of paths) for (const t of p.touches) all.add(t);
  return [...all].sort();
}

export function addCredit(credit: Credit, channel: string, amount: number): void {
  credit.set(channel, (credit.get(channel) ?? 0) + amount);
}
