import type { TypeRule } from './plan-resolution';

/** The first unique identifier type for which two sets of keys hold more distinct values than allowed. */
export function uniqueClash(a: readonly string[], b: readonly string[], rules: (type: string) => TypeRule): string | null {
  const values = new Map<string, Set<string>>();
  for (const key of [...a, ...b]) {
    const type = key.slice(0, key.indexOf(':'));
    if (!rules(type).unique) continue;
    const set = values.get(type) ?? new Set<string>();
    set.add(key);
    values.set(type, set);
    if (set.size > rules(type).limit) return type;
  }
  return null;
}
