import type { PersonTraits } from '@c360/contracts';
import { jaroWinkler, levenshtein } from './string-similarity';

export type Field = keyof PersonTraits;
export type ComparisonKind = 'name' | 'text' | 'date' | 'code' | 'exact' | 'email' | 'phone';

/** m: how often true matches reach a level; u: how often non-matches do (Fellegi–Sunter). */
export interface LevelProbabilities {
  m: number;
  u: number;
}

export interface FieldModel {
  field: Field;
  kind: ComparisonKind;
  /** Probabilities per agreement level, in the order of LEVELS[kind]. */
  levels: LevelProbabilities[];
}

export interface MatchModel {
  fields: FieldModel[];
  /** Total weight (log2 of the likelihood ratio) at or above which records merge. */
  upper: number;
  /** At or above this, below `upper`, a person reviews the pair. */
  lower: number;
}

/**
 * Fields that tell people apart. Address fields are not among them: they are correlated with each
 * other (so their weights overstate the evidence) and shared by everyone in a household.
 */
export const PERSON_FIELDS: readonly Field[] = ['givenName', 'familyName', 'birthDate', 'nationalId', 'email', 'phone'];

export const LEVELS: Record<ComparisonKind, readonly string[]> = {
  name: ['exact', 'close', 'similar', 'different'],
  text: ['exact', 'close', 'different'],
  date: ['exact', 'close', 'different'],
  code: ['exact', 'close', 'different'],
  exact: ['exact', 'different'],
  email: ['exact', 'close', 'different'],
  phone: ['exact', 'different'],
};

/** Agreement level index of two present values, following LEVELS[kind]. */
export function compareValues(kind: ComparisonKind, a: string, b: string): number {
  if (a === b) return 0;
  switch (kind) {
    case 'name': {
      const jw = jaroWinkler(a, b);
      return jw >= 0.92 ? 1 : jw >= 0.8 ? 2 : 3;
    }
    case 'text':
      return jaroWinkler(a, b) >= 0.9 ? 1 : 2;
    case 'date':
      return closeDate(a, b) ? 1 : 2;
    case 'code':
      return a.length >= 3 && levenshtein(a, b) <= 1 ? 1 : 2;
    case 'email':
      return levenshtein(a, b) <= 2 || jaroWinkler(a, b) >= 0.94 ? 1 : 2;
    case 'phone':
      return a.slice(-7) === b.slice(-7) ? 0 : 1;
    case 'exact':
      return 1;
  }
}

/** One typo, or day and month transposed, in a YYYYMMDD date. */
function closeDate(a: string, b: string): boolean {
  if (a.length !== 8 || b.length !== 8) return false;
  if (a.slice(0, 4) === b.slice(0, 4) && a.slice(4, 6) === b.slice(6, 8) && a.slice(6, 8) === b.slice(4, 6)) return true;
  return levenshtein(a, b) <= 1;
}

const lv = (...pairs: [number, number][]): LevelProbabilities[] => pairs.map(([m, u]) => ({ m, u }));

/**
 * Starting weights, set from what is generally true of person records rather than fitted to a file:
 * true matches agree on a field most of the time and carry a typo in some; unrelated people rarely
 * share a birth date, a national id or a full name, often share a region or a gender. Estimated
 * afresh from data with `estimateModel` (EM) where a sample is available.
 */
export const DEFAULT_MATCH_MODEL: MatchModel = {
  // log2 likelihood ratios. Against prior odds of about 1:1000 that two records sharing a blocking
  // key are one person, 14 leaves posterior odds of about 16:1 before any further evidence; below
  // 8 the records more likely belong to different people than not, so no one is asked.
  upper: 14,
  lower: 8,
  fields: [
    { field: 'givenName', kind: 'name', levels: lv([0.8, 0.004], [0.1, 0.004], [0.05, 0.04], [0.05, 0.952]) },
    { field: 'familyName', kind: 'name', levels: lv([0.8, 0.002], [0.1, 0.003], [0.05, 0.03], [0.05, 0.965]) },
    { field: 'birthDate', kind: 'date', levels: lv([0.8, 0.0005], [0.14, 0.004], [0.06, 0.9955]) },
    { field: 'nationalId', kind: 'code', levels: lv([0.8, 0.00001], [0.14, 0.0001], [0.06, 0.99989]) },
    { field: 'email', kind: 'email', levels: lv([0.8, 0.0001], [0.15, 0.001], [0.05, 0.9989]) },
    { field: 'phone', kind: 'phone', levels: lv([0.85, 0.00001], [0.15, 0.99999]) },
    { field: 'streetNumber', kind: 'exact', levels: lv([0.8, 0.02], [0.2, 0.98]) },
    { field: 'street', kind: 'text', levels: lv([0.8, 0.002], [0.12, 0.005], [0.08, 0.993]) },
    { field: 'addressLine2', kind: 'text', levels: lv([0.75, 0.005], [0.1, 0.01], [0.15, 0.985]) },
    { field: 'locality', kind: 'text', levels: lv([0.8, 0.003], [0.12, 0.006], [0.08, 0.991]) },
    { field: 'postcode', kind: 'code', levels: lv([0.8, 0.002], [0.12, 0.02], [0.08, 0.978]) },
    { field: 'region', kind: 'exact', levels: lv([0.9, 0.3], [0.1, 0.7]) },
    { field: 'gender', kind: 'exact', levels: lv([0.95, 0.5], [0.05, 0.5]) },
  ],
};

/** Level index per field of the model (null where either side lacks the value). */
export function comparisonVector(model: MatchModel, a: PersonTraits, b: PersonTraits): (number | null)[] {
  return model.fields.map(({ field, kind }) => {
    const [x, y] = [a[field], b[field]];
    return x && y ? compareValues(kind, x, y) : null;
  });
}
