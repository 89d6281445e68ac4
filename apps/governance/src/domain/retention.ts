const DAY_MS = 24 * 3600 * 1000;

export interface RetentionPolicy {
  dataClass: string;
  days: number;
}

/**
 * Parses `class=days,class=days` (e.g. `touchpoints=762,generated_drafts=90`) over the defaults; a
 * class not named keeps its default. Returns an error message for anything else.
 */
export function parseRetentionPolicies(text: string, defaults: Record<string, number>): RetentionPolicy[] | string {
  const days = { ...defaults };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z_]+)=(\d{1,5})$/.exec(part);
    if (!match) return `"${part}" is not class=days`;
    const [, dataClass, value] = match as unknown as [string, string, string];
    if (!(dataClass in defaults)) return `unknown data class "${dataClass}" (known: ${Object.keys(defaults).join(', ')})`;
    if (Number(value) < 1) return `${dataClass}: at least one day`;
    days[dataClass] = Number(value);
  }
  return Object.entries(days).map(([dataClass, d]) => ({ dataClass, days: d }));
}

/** Records older than this are past their retention at `now`. */
export function retentionCutoff(policy: RetentionPolicy, now: Date): Date {
  return new Date(now.getTime() - policy.days * DAY_MS);
}
