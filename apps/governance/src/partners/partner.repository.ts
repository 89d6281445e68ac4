import { Schema, type Connection, type Model } from 'mongoose';
import type { Partner, PartnerSecret } from './partner';

interface PartnerDoc extends Omit<Partner, 'id'> {
  _id: string;
  /** Bumped on every secret change, so two rotations at once cannot lose one. */
  secretsVersion: number;
}

const partnerSchema = new Schema<PartnerDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    purposes: { type: [String], required: true },
    fields: { type: [String], required: true },
    webhookUrl: { type: String, default: null },
    concurrency: { type: Number, required: true },
    secrets: { type: [{ _id: false, secret: String, createdAt: Date, expiresAt: { type: Date, default: null } }], required: true },
    secretsVersion: { type: Number, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'partners' },
);

export class PartnerExistsError extends Error {}

function toPartner({ _id, secretsVersion: _v, ...rest }: PartnerDoc): Partner {
  return { id: _id, ...rest };
}

/** Registered partners and their webhook secrets. */
export class PartnerRepository {
  private readonly model: Model<PartnerDoc>;

  constructor(connection: Connection) {
    this.model = connection.models['Partner'] ?? connection.model<PartnerDoc>('Partner', partnerSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  async create(partner: Partner): Promise<void> {
    const { id, ...rest } = partner;
    try {
      await this.model.create({ _id: id, ...rest, secretsVersion: 0 });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new PartnerExistsError(`partner ${id} exists`);
      throw err;
    }
  }

  async get(id: string): Promise<Partner | null> {
    const doc = await this.model.findById(id).lean<PartnerDoc>();
    return doc ? toPartner(doc) : null;
  }

  async list(): Promise<Partner[]> {
    return (await this.model.find().sort({ _id: 1 }).lean<PartnerDoc[]>()).map(toPartner);
  }

  /** Adds a new current secret; the ones it replaces keep signing until `overlapUntil`. Null if no such partner. */
  async rotateSecret(id: string, secret: PartnerSecret, overlapUntil: Date): Promise<Partner | null> {
    for (;;) {
      const doc = await this.model.findById(id).lean<PartnerDoc>();
      if (!doc) return null;
      const secrets = [...doc.secrets.map((s) => ({ ...s, expiresAt: s.expiresAt ?? overlapUntil })), secret].filter((s) => !s.expiresAt || s.expiresAt > secret.createdAt);
      const res = await this.model.updateOne({ _id: id, secretsVersion: doc.secretsVersion }, { $set: { secrets, secretsVersion: doc.secretsVersion + 1 } });
      if (res.modifiedCount === 1) return toPartner({ ...doc, secrets });
    }
  }
}
