import type { Channel } from '@c360/contracts';
import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { PastDecision } from '../domain/decisions/action-eligibility';
import type { VariantChoice } from '../domain/decisions/content-variants';
import type { ArmTally } from '../domain/decisions/decision-report';
import type { VariantTally } from '../domain/decisions/variant-report';

export const OUTCOME_SOURCES = ['explicit', 'conversion', 'window_elapsed'] as const;
export type OutcomeSource = (typeof OUTCOME_SOURCES)[number];

/**
 * One decision, personal data about the customer it was made for. `customerId` is the id the caller
 * asked with; reads go through the identity view, so after a merge a person's decisions are found
 * under every id and after a split they follow the id they were asked for.
 */
export interface DecisionRecord {
  id: string;
  customerId: string;
  placement: string;
  /** The arm chosen; for a holdout decision, the arm the policy would have chosen (nothing was shown). */
  actionId: string;
  channel: Channel;
  holdout: boolean;
  policy: string;
  /** The probability the policy had of choosing this arm (for a holdout decision, of the arm it would have chosen). */
  propensity: number;
  /** The feature vector the policy saw, under the model it belongs to: what a reward teaches the arm. */
  modelKey: string;
  x: number[];
  decidedAt: Date;
  /** End of the window in which a conversion counts as this decision's reward. */
  expiresAt: Date;
  reward: number | null;
  outcomeSource: OutcomeSource | null;
  outcomeAt: Date | null;
  /** The approved content variant that carries the action (none: no approved draft for it, or a holdout decision). */
  variant?: VariantChoice | null;
}

type DecisionDoc = Omit<DecisionRecord, 'id'> & { _id: string; closed: 0 | 1 };

const decisionSchema = new Schema<DecisionDoc>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    placement: { type: String, required: true },
    actionId: { type: String, required: true },
    channel: { type: String, required: true },
    holdout: { type: Boolean, required: true },
    policy: { type: String, required: true },
    propensity: { type: Number, required: true },
    modelKey: { type: String, required: true },
    x: [Number],
    decidedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    reward: { type: Number, default: null },
    outcomeSource: { type: String, default: null },
    outcomeAt: { type: Date, default: null },
    variant: {
      type: new Schema({ armId: String, draftId: String, variantIndex: Number, propensity: Number, policy: String }, { _id: false }),
      default: null,
    },
    // 0 while no outcome is known: open decisions are found by (closed, expiresAt) and summed without $cond.
    closed: { type: Number, required: true },
  },
  { versionKey: false, collection: 'nba_decisions' },
);
decisionSchema.index({ customerId: 1, decidedAt: -1 });
decisionSchema.index({ closed: 1, expiresAt: 1 });
decisionSchema.index({ decidedAt: 1 });

function toRecord({ _id, closed: _closed, ...rest }: DecisionDoc): DecisionRecord {
  return { id: _id, ...rest };
}

export class DecisionRepository {
  private readonly model: Model<DecisionDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<DecisionDoc>(connection, 'NbaDecision', decisionSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  async insert(decision: DecisionRecord): Promise<void> {
    const { id, ...rest } = decision;
    await this.model.create({ _id: id, ...rest, closed: rest.reward === null ? 0 : 1 });
  }

  async get(id: string): Promise<DecisionRecord | null> {
    const doc = await this.model.findById(id).lean<DecisionDoc>();
    return doc ? toRecord(doc) : null;
  }

  /** Treated (shown) decisions for these customer ids since a time: what frequency caps count. */
  async treatedSince(customerIds: readonly string[], since: Date): Promise<PastDecision[]> {
    const docs = await this.model
      .find({ customerId: { $in: [...customerIds] }, holdout: false, decidedAt: { $gt: since } }, { actionId: 1, channel: 1, decidedAt: 1 })
      .lean<Pick<DecisionDoc, 'actionId' | 'channel' | 'decidedAt'>[]>();
    return docs.map(({ actionId, channel, decidedAt }) => ({ actionId, channel, decidedAt }));
  }

  /**
   * Sets the outcome if none is set yet, atomically: of two outcomes racing (an explicit one and a
   * conversion, say) exactly one is recorded. Returns the decision when this call recorded it.
   */
  async close(id: string, reward: number, source: OutcomeSource, at: Date): Promise<DecisionRecord | null> {
    const doc = await this.model
      .findOneAndUpdate({ _id: id, closed: 0 }, { $set: { reward, outcomeSource: source, outcomeAt: at, closed: 1 } }, { returnDocument: 'after' })
      .lean<DecisionDoc>();
    return doc ? toRecord(doc) : null;
  }

  /** Open decisions of these ids whose reward window contains `at`. */
  async openAt(customerIds: readonly string[], at: Date): Promise<DecisionRecord[]> {
    const docs = await this.model
      .find({ customerId: { $in: [...customerIds] }, closed: 0, decidedAt: { $lte: at }, expiresAt: { $gt: at } })
      .lean<DecisionDoc[]>();
    return docs.map(toRecord);
  }

  /** Open decisions whose window has passed: their reward is 0. */
  async expired(now: Date, limit: number): Promise<DecisionRecord[]> {
    const docs = await this.model
      .find({ closed: 0, expiresAt: { $lte: now } })
      .limit(limit)
      .lean<DecisionDoc[]>();
    return docs.map(toRecord);
  }

  /** Per arm and group (treated or holdout), decisions made in [from, to) with what is known of their outcomes. */
  async tally(from: Date, to: Date): Promise<ArmTally[]> {
    const rows = await this.model.aggregate<{
      _id: { actionId: string; channel: Channel; holdout: boolean };
      decisions: number;
      outcomes: number;
      rewards: number;
    }>([
      { $match: { decidedAt: { $gte: from, $lt: to } } },
      {
        $group: {
          _id: { actionId: '$actionId', channel: '$channel', holdout: '$holdout' },
          decisions: { $sum: 1 },
          outcomes: { $sum: '$closed' },
          rewards: { $sum: '$reward' },
        },
      },
    ]);
    return rows.map((r) => ({ ...r._id, decisions: r.decisions, outcomes: r.outcomes, rewards: r.rewards ?? 0 }));
  }

  /** Per content variant, treated decisions of these customer ids made in [from, to) that carried it. */
  async variantTally(customerIds: readonly string[], from: Date, to: Date): Promise<VariantTally[]> {
    const rows = await this.model.aggregate<{
      _id: { armId: string; draftId: string; variantIndex: number; actionId: string; channel: Channel };
      decisions: number;
      outcomes: number;
      rewards: number;
    }>([
      { $match: { customerId: { $in: [...customerIds] }, decidedAt: { $gte: from, $lt: to }, holdout: false, variant: { $ne: null } } },
      {
        $group: {
          _id: { armId: '$variant.armId', draftId: '$variant.draftId', variantIndex: '$variant.variantIndex', actionId: '$actionId', channel: '$channel' },
          decisions: { $sum: 1 },
          outcomes: { $sum: '$closed' },
          rewards: { $sum: '$reward' },
        },
      },
    ]);
    return rows.map((r) => ({ ...r._id, decisions: r.decisions, outcomes: r.outcomes, rewards: r.rewards ?? 0 }));
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: [...customerIds] } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: [...customerIds] } });
  }

  /** For an access export, oldest first, without the policy's internals (the feature vector and model key). */
  async forCustomers(customerIds: readonly string[]): Promise<Omit<DecisionRecord, 'x' | 'modelKey'>[]> {
    const docs = await this.model
      .find({ customerId: { $in: [...customerIds] } }, { x: 0, modelKey: 0, closed: 0 })
      .sort({ decidedAt: 1 })
      .lean<Omit<DecisionDoc, 'x' | 'modelKey' | 'closed'>[]>();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ decidedAt: { $lt: cutoff } })).deletedCount;
  }
}
