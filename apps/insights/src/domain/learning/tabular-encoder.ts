import { cellNumber, cellText, inferColumns, type ColumnProfile, type ExclusionReason, type TableRow } from './tabular-columns';
import { fitTargetRates, outOfFoldTargetRates, targetRateOf, type TargetRates } from './target-statistics';

/**
 * Turns table rows into numeric feature vectors, with everything learned from the training rows only and
 * kept as plain JSON (levels in arrays, never as object keys, so any level text is safe to store).
 */

export const MISSING_LEVEL = '(missing)';
export const OTHER_LEVEL = '(other)';

export type EncodedColumn =
  /** Missing cells take the training median; the indicator feature exists when training had missing cells. */
  | { name: string; kind: 'numeric'; median: number; missingIndicator: boolean }
  /**
   * One feature per kept level, plus an "(other)" bucket for rare levels and a "(missing)" level when seen;
   * a column with more levels than one-hot keeps also gets its smoothed outcome rate per level.
   */
  | { name: string; kind: 'categorical'; levels: string[]; otherBucket: boolean; missingLevel: boolean; targetRates?: TargetRates };

/** One encoded feature, traced back to the source column (index into `columns`) and, for one-hot, the level. */
export interface EncodedFeature {
  column: number;
  label: string;
  kind: 'value' | 'missing' | 'level' | 'outcome-rate';
  level?: string;
}

export interface TabularEncoding {
  columns: EncodedColumn[];
  features: EncodedFeature[];
  excluded: Array<{ name: string; reason: ExclusionReason }>;
}

export interface EncoderOptions {
  target: string;
  idColumn?: string;
  /** Most one-hot levels per column, most frequent first (default 30). */
  maxLevels?: number;
  /** Fewest training rows a level needs to get its own feature (default max(5, 0.5% of rows)). */
  minLevelCount?: number;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function fitNumeric(name: string, values: unknown[]): EncodedColumn {
  const numbers = values.map(cellNumber);
  const present = numbers.filter((n): n is number => n !== null);
  return { name, kind: 'numeric', median: median(present), missingIndicator: present.length < numbers.length };
}

function fitCategorical(name: string, values: unknown[], maxLevels: number, minCount: number, labels?: readonly number[]): EncodedColumn {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const value of values) {
    const text = cellText(value);
    if (text === null) missing++;
    else counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const levels = ranked
    .filter(([, count]) => count >= minCount)
    .slice(0, maxLevels)
    .map(([level]) => level);
  const column: EncodedColumn = { name, kind: 'categorical', levels, otherBucket: levels.length < ranked.length, missingLevel: missing > 0 };
  return labels !== undefined && ranked.length > maxLevels ? { ...column, targetRates: fitTargetRates(values, labels) } : column;
}

function featuresOf(column: EncodedColumn, index: number): EncodedFeature[] {
  if (column.kind === 'numeric') {
    const value: EncodedFeature = { column: index, label: column.name, kind: 'value' };
    return column.missingIndicator ? [value, { column: index, label: `${column.name} ${MISSING_LEVEL}`, kind: 'missing' }] : [value];
  }
  const levels = [...column.levels, ...(column.otherBucket ? [OTHER_LEVEL] : []), ...(column.missingLevel ? [MISSING_LEVEL] : [])];
  const oneHot = levels.map((level): EncodedFeature => ({ column: index, label: `${column.name} = ${level}`, kind: 'level', level }));
  return column.targetRates ? [...oneHot, { column: index, label: `${column.name} (outcome rate)`, kind: 'outcome-rate' }] : oneHot;
}

/**
 * Learns column roles, medians and levels from the training rows; given their 0/1 labels, also outcome rates
 * for high-cardinality categorical columns (then encode those rows with encodeTrainingRows).
 */
export function fitTabularEncoding(rows: readonly TableRow[], options: EncoderOptions, labels?: readonly number[]): TabularEncoding {
  const profiles: ColumnProfile[] = inferColumns(rows, options);
  const maxLevels = options.maxLevels ?? 30;
  const minCount = options.minLevelCount ?? Math.max(5, Math.ceil(rows.length * 0.005));
  const columns: EncodedColumn[] = [];
  const excluded: TabularEncoding['excluded'] = [];
  for (const profile of profiles) {
    const values = rows.map((row) => row[profile.name]);
    if (profile.role === 'excluded') excluded.push({ name: profile.name, reason: profile.reason });
    else columns.push(profile.role === 'numeric' ? fitNumeric(profile.name, values) : fitCategorical(profile.name, values, maxLevels, minCount, labels));
  }
  return { columns, features: columns.flatMap(featuresOf), excluded };
}

type CategoricalColumn = Extract<EncodedColumn, { kind: 'categorical' }>;

function categoricalWidth(column: CategoricalColumn): number {
  return column.levels.length + (column.otherBucket ? 1 : 0) + (column.missingLevel ? 1 : 0);
}

/**
 * The one-hot position a cell takes in a fitted categorical column, or -1 for none (a level unseen in
 * training when there was no rare bucket, or a missing cell when training had none).
 */
export function levelPosition(column: CategoricalColumn, value: unknown): number {
  const text = cellText(value);
  if (text === null) return column.missingLevel ? categoricalWidth(column) - 1 : -1;
  const known = column.levels.indexOf(text);
  if (known >= 0) return known;
  return column.otherBucket ? column.levels.length : -1;
}

/** One row as a feature vector in `encoding.features` order. */
export function encodeRow(encoding: TabularEncoding, row: TableRow): Float64Array {
  const out = new Float64Array(encoding.features.length);
  let offset = 0;
  for (const column of encoding.columns) {
    const value = row[column.name];
    if (column.kind === 'numeric') {
      const number = cellNumber(value);
      out[offset] = number ?? column.median;
      if (column.missingIndicator) out[offset + 1] = number === null ? 1 : 0;
      offset += column.missingIndicator ? 2 : 1;
      continue;
    }
    const position = levelPosition(column, value);
    if (position >= 0) out[offset + position] = 1;
    offset += categoricalWidth(column);
    if (column.targetRates) out[offset++] = targetRateOf(column.targetRates, value);
  }
  return out;
}

const OUT_OF_FOLD_FOLDS = 5;

/**
 * The training rows' vectors: as encodeRow, except that outcome rates are out-of-fold, so no row's own label
 * reaches its features. Scoring uses encodeRow (rates from every training row).
 */
export function encodeTrainingRows(encoding: TabularEncoding, rows: readonly TableRow[], labels: readonly number[], seed: number): Float64Array[] {
  const x = encodeRows(encoding, rows);
  encoding.features.forEach((feature, f) => {
    if (feature.kind !== 'outcome-rate') return;
    const name = (encoding.columns[feature.column] as EncodedColumn).name;
    const rates = outOfFoldTargetRates(
      rows.map((row) => row[name]),
      labels,
      OUT_OF_FOLD_FOLDS,
      seed,
    );
    x.forEach((row, i) => (row[f] = rates[i] as number));
  });
  return x;
}

export function encodeRows(encoding: TabularEncoding, rows: readonly TableRow[]): Float64Array[] {
  return rows.map((row) => encodeRow(encoding, row));
}

/** How a source cell reads in an explanation: the trimmed text, or "(missing)". */
export function displayValue(row: TableRow, columnName: string): string {
  return cellText(row[columnName]) ?? MISSING_LEVEL;
}
