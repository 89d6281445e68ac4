import type { ConsentClient } from '@c360/consent-client';
import type { CustomerIdentityView } from '@c360/service-kit';
import { computeFeatures, type FeatureOptions, type FeatureVector, type TouchFactRecord } from '../domain/features/compute-features';
import { labelOf, type LabelSpec } from '../domain/models/labels';
import { sequencesByUser, type SequenceStep, type UserSequence } from '../domain/sequence/event-sequence';
import type { FeatureFactsRepository } from '../features/feature-facts.repository';
import type { SentimentSource } from '../predictions/customer-rescorer';

export interface TrainingRow {
  customerId: string;
  features: FeatureVector;
  /** Facts after the cutoff, up to the end of the horizon: what labels are made of. Never in `features`. */
  outcome: TouchFactRecord[];
}

export interface DatasetDeps {
  facts: FeatureFactsRepository;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'isAllowed'>;
  sentiments?: SentimentSource;
  featureOptions?: FeatureOptions;
}

const CONSENT_CHUNK = 50;

/**
 * Training rows as of a cutoff: one per person (survivor) who had a touchpoint at or before it and
 * allows profiling, with features computed from facts at or before the cutoff only (point-in-time
 * correct: the store is read as of the cutoff, and computeFeatures drops anything later again), and the
 * facts of the horizon after it kept apart for the label.
 */
export async function buildTrainingRows(
  deps: DatasetDeps,
  cutoff: Date,
  labelUntil: Date,
  progress?: (share: number) => Promise<void>,
): Promise<TrainingRow[]> {
  const { allowed, people } = await consentingPeople(deps, cutoff, progress);
  const allIds = allowed.flatMap((s) => people.get(s) ?? []);
  const [touches, attributes, profiles] = await Promise.all([
    deps.facts.touchesBetween(allIds, null, labelUntil),
    deps.facts.attributesOf(allIds, cutoff),
    deps.facts.profilesOf(allIds, cutoff),
  ]);
  const survivorOf = new Map(allowed.flatMap((s) => (people.get(s) ?? []).map((id) => [id, s] as const)));
  const group = <T extends { customerId: string }>(items: readonly T[]) => {
    const by = new Map<string, T[]>();
    for (const item of items) {
      const s = survivorOf.get(item.customerId);
      if (s) by.set(s, [...(by.get(s) ?? []), item]);
    }
    return by;
  };
  const [touchesBy, attributesBy, profilesBy] = [group(touches), group(attributes), group(profiles)];
  const rows: TrainingRow[] = [];
  for (const customerId of allowed) {
    const own = touchesBy.get(customerId) ?? [];
    const before = own.filter((t) => t.occurredAt <= cutoff);
    const sentiments = (await deps.sentiments?.sentimentsOf(people.get(customerId) ?? [], cutoff)) ?? [];
    const facts = { touches: before, attributes: attributesBy.get(customerId) ?? [], profiles: profilesBy.get(customerId) ?? [], sentiments };
    const features = computeFeatures(facts, cutoff, deps.featureOptions);
    rows.push({ customerId, features, outcome: own.filter((t) => t.occurredAt > cutoff) });
  }
  return rows;
}

/**
 * The people a training run may use: survivors with a touchpoint at or before the cutoff who allow
 * profiling, each with every id merged into them.
 */
async function consentingPeople(deps: DatasetDeps, cutoff: Date, progress?: (share: number) => Promise<void>) {
  const stored = await deps.facts.customersWithFactsBefore(cutoff);
  const survivors = await deps.identities.survivorsOf(stored);
  const people = new Map<string, string[]>();
  for (const [id, survivor] of survivors) people.set(survivor, [...(people.get(survivor) ?? []), id]);
  for (const [survivor, ids] of people) if (!ids.includes(survivor)) ids.push(survivor);

  const allowed: string[] = [];
  const survivorIds = [...people.keys()].sort();
  for (let i = 0; i < survivorIds.length; i += CONSENT_CHUNK) {
    const chunk = survivorIds.slice(i, i + CONSENT_CHUNK);
    const answers = await Promise.all(chunk.map((customerId) => deps.consent.isAllowed({ customerId, purpose: 'profiling' })));
    allowed.push(...chunk.filter((_, j) => answers[j]));
    await progress?.((0.3 * Math.min(i + CONSENT_CHUNK, survivorIds.length)) / Math.max(survivorIds.length, 1));
  }
  return { allowed, people };
}

/** A touch as a step of a journey sequence: its event name, or its type for unnamed touchpoints. */
export function stepOf(touch: TouchFactRecord): SequenceStep {
  return { event: touch.eventKey ?? touch.type ?? 'touch', at: touch.occurredAt.getTime(), channel: touch.channel };
}

/**
 * Each consenting person's ordered steps up to the cutoff: what sequence models train on, labels
 * included (a step's label is whether the target followed it within the horizon, inside the history).
 * Nothing after the cutoff enters.
 */
export async function buildSequences(deps: DatasetDeps, cutoff: Date, progress?: (share: number) => Promise<void>): Promise<UserSequence[]> {
  const { allowed, people } = await consentingPeople(deps, cutoff, progress);
  const survivorOf = new Map(allowed.flatMap((s) => (people.get(s) ?? []).map((id) => [id, s] as const)));
  const touches = await deps.facts.touchesBetween([...survivorOf.keys()], null, cutoff);
  const steps = touches.flatMap((t) => {
    const user = survivorOf.get(t.customerId);
    return user ? [{ user, ...stepOf(t) }] : [];
  });
  return sequencesByUser(steps);
}

/** Each row's 0/1 label for a propensity kind. */
export function labelRows(rows: readonly TrainingRow[], spec: LabelSpec): number[] {
  return rows.map((r) => labelOf(spec, r.outcome));
}
