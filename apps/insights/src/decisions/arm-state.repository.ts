import { isDuplicateKey, modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import { priorArm, type ArmState } from '../domain/decisions/linear-thompson';

interface ArmDoc {
  _id: string;
  a: number[];
  b: number[];
  n: number;
  rewardSum: number;
}

const armSchema = new Schema<ArmDoc>(
  { _id: { type: String, required: true }, a: [Number], b: [Number], n: Number, rewardSum: Number },
  { versionKey: false, collection: 'nba_arm_states' },
);

/**
 * The bandit's state per arm (A and b of linear Thompson sampling, see the domain). Rewards are
 * added with one $inc per reward: the sums are commutative, so replicas and workers update the same
 * arm concurrently without locks or lost updates, and no read-modify-write ever races.
 */
export class ArmStateRepository {
  private readonly model: Model<ArmDoc>;

  constructor(
    connection: Connection,
    private readonly lambda = 1,
  ) {
    this.model = modelOn<ArmDoc>(connection, 'NbaArmState', armSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  /** Each arm's state; the prior for an arm never rewarded. */
  async load(keys: readonly string[], dimension: number): Promise<Map<string, ArmState>> {
    const docs = keys.length > 0 ? await this.model.find({ _id: { $in: [...keys] } }).lean<ArmDoc[]>() : [];
    const found = new Map(docs.map((d) => [d._id, d]));
    return new Map(
      keys.map((key) => {
        const doc = found.get(key);
        return [key, doc && doc.b.length === dimension ? { a: doc.a, b: doc.b, n: doc.n } : priorArm(dimension, this.lambda)];
      }),
    );
  }

  /** Adds one reward's delta (from rewardDelta) to the arm, creating it at the prior first. */
  async add(key: string, delta: { a: readonly number[]; b: readonly number[] }, reward: number): Promise<void> {
    const prior = priorArm(delta.b.length, this.lambda);
    try {
      await this.model.updateOne({ _id: key }, { $setOnInsert: { a: prior.a, b: prior.b, n: 0, rewardSum: 0 } }, { upsert: true });
    } catch (err) {
      // Two first rewards raced to create the arm: it exists, which is all this step needs.
      if (!isDuplicateKey(err)) throw err;
    }
    const inc: Record<string, number> = { n: 1, rewardSum: reward };
    delta.a.forEach((v, i) => {
      if (v !== 0) inc[`a.${i}`] = v;
    });
    delta.b.forEach((v, i) => {
      if (v !== 0) inc[`b.${i}`] = v;
    });
    await this.model.updateOne({ _id: key }, { $inc: inc });
  }
}
