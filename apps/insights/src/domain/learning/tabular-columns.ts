/**
 * Reading cells of an arbitrary customer table and deciding what each column is, from its values alone:
 * no column name or value of any one file is known here.
 */

/** A row as it comes from a CSV parser, a JSON document or a feature store. */
export type TableRow = Readonly<Record<string, unknown>>;

// Spellings of "no value" common to exported tables; a column that uses a word such as "None" as a real
// category keeps it, since it is not in this list.
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', '?']);
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The cell as trimmed text, or null when it holds no value. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return MISSING_TOKENS.has(text.toLowerCase()) ? null : text;
}

/** The cell as a finite number (numeric text such as " 29.85" included), or null. */
export function cellNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = cellText(value);
  return text !== null && NUMBER_PATTERN.test(text) ? Number(text) : null;
}

export type ExclusionReason = 'target' | 'id' | 'empty' | 'constant' | 'identifier-like' | 'date';

export type ColumnProfile =
  { name: string; role: 'numeric' | 'categorical'; missing: number; distinct: number } | { name: string; role: 'excluded'; reason: ExclusionReason };

export interface InferenceOptions {
  target: string;
  idColumn?: string;
  /** Share of present cells that must read as numbers for the column to be numeric (default 0.95). */
  numericShare?: number;
}

/** Every column name appearing in any row, in first-seen order. */
export function columnNames(rows: readonly TableRow[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) names.add(key);
  return [...names];
}

/**
 * All-distinct integers where values spread uniformly over their range would already collide several times
 * (expected n²/2R pairs): row numbers, account numbers. A genuine measure clusters and repeats far sooner.
 */
function isIntegerKey(numbers: readonly number[]): boolean {
  if (numbers.length < 20 || !numbers.every(Number.isInteger)) return false;
  if (new Set(numbers).size !== numbers.length) return false;
  const [min, max] = numbers.reduce(([lo, hi], n) => [Math.min(lo, n), Math.max(hi, n)], [Infinity, -Infinity]);
  return numbers.length ** 2 / (2 * (max - min + 1)) > 5;
}

/** Decides one column's role from its training values. */
export function profileColumn(name: string, values: readonly unknown[], numericShare = 0.95): ColumnProfile {
  const texts = values.map(cellText).filter((t): t is string => t !== null);
  const missing = values.length - texts.length;
  if (texts.length === 0) return { name, role: 'excluded', reason: 'empty' };
  const distinct = new Set(texts).size;
  if (distinct === 1 && missing === 0) return { name, role: 'excluded', reason: 'constant' };
  // A calendar date is neither a category nor a stable number: a model would learn the calendar of its
  // training window. Durations (days since signup, since last purchase) are the features to give instead.
  if (texts.filter((t) => ISO_DATE_PATTERN.test(t)).length >= numericShare * texts.length) return { name, role: 'excluded', reason: 'date' };
  const numbers = values.map(cellNumber).filter((n): n is number => n !== null);
  if (numbers.length >= numericShare * texts.length) {
    if (isIntegerKey(numbers)) return { name, role: 'excluded', reason: 'identifier-like' };
    return { name, role: 'numeric', missing: values.length - numbers.length, distinct };
  }
  // Text that is (nearly) unique per row names the row (ids, e-mails, free text): it cannot generalise.
  if (distinct > 20 && distinct > 0.5 * texts.length) return { name, role: 'excluded', reason: 'identifier-like' };
  return { name, role: 'categorical', missing, distinct };
}

/** Profiles every column of the rows; the target and the named id column are excluded by name. */
export function inferColumns(rows: readonly TableRow[], options: InferenceOptions): ColumnProfile[] {
  return columnNames(rows).map((name) => {
    if (name === options.target) return { name, role: 'excluded', reason: 'target' };
    if (name === options.idColumn) return { name, role: 'excluded', reason: 'id' };
    return profileColumn(
      name,
      rows.map((row) => row[name]),
      options.numericShare,
    );
  });
}
