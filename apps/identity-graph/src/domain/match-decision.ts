import type { PersonTraits } from '@c360/contracts';

/** A stored touchpoint found through a shared blocking key, with the customer it now belongs to. */
export interface CandidateRecord {
  messageId: string;
  customerId: string;
  traits: PersonTraits;
}

export interface FieldComparison {
  field: string;
  /** The agreement level the two values reached (e.g. exact, close, disagree). */
  level: string;
  weight: number;
}

export type MatchDecision =
  | { kind: 'match' | 'review'; customerId: string; score: number; comparisons: FieldComparison[]; candidateMessageId: string }
  | { kind: 'none'; score: number | null };

/** Scores a record's traits against candidates; implemented by the Fellegi–Sunter matcher. */
export type RecordMatcher = (traits: PersonTraits, candidates: readonly CandidateRecord[]) => MatchDecision;
