import { EVENTS } from '@c360/contracts';
import { modelOn, isDuplicateKey } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Partner, PartnerProfile, PartnerSecret, PartnerSubscriptionChange } from './partner';
import type { SecretKeyring } from './secret-cipher';

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
    events: { type: [String], default: undefined },
    concurrency: { type: Number, required: true },
    secrets: { type: [{ _id: false, sealed: String, createdAt: Date, expiresAt: { type: Date, default: null } }], required: true },
    secretsVersion: { type: Number, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'partners' },
);

export class PartnerExistsError extends Error {}

/** `secret`: the value in clear, as partners registered before secrets were sealed have it. */
type StoredSecret = Partial<PartnerSecret> & Pick<PartnerSecret, 'createdAt' | 'expiresAt'> & { secret?: string };
type StoredPartnerSecrets = Pick<PartnerDoc, '_id' | 'secretsVersion'> & { secrets: StoredSecret[] };

const WITHOUT_SECRETS = { secrets: 0, secretsVersion: 0 } as const;

function toProfile({
  _id,
  secrets: _s,
  secretsVersion: _v,
  events,
  ...rest
}: Partial<Pick<PartnerDoc, 'secrets' | 'secretsVersion' | 'events'>> & Omit<PartnerDoc, 'secrets' | 'secretsVersion' | 'events'>): PartnerProfile {
  // Partners registered before they could choose their events receive what they always did.
  return { id: _id, ...rest, events: events?.length ? events : [EVENTS.customerUpdated] };
}

/**
 * Registered partners and their webhook secrets. Secrets are sealed here, on the way in, with the
 * deployment's key; only `signingPartner` hands them out (still sealed), for the delivery processor
 * to open when it signs.
 */
export class PartnerRepository {
  private readonly model: Model<PartnerDoc>;

  constructor(
    connection: Connection,
    private readonly keyring: SecretKeyring,
  ) {
    this.model = modelOn<PartnerDoc>(connection, 'Partner', partnerSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  private sealed(partnerId: string, secret: string, createdAt: Date): PartnerSecret {
    return { sealed: this.keyring.seal(secret, partnerId), createdAt, expiresAt: null };
  }

  /** Stores the partner with `secret` as its one signing secret. */
  async create(partner: PartnerProfile, secret: string): Promise<void> {
    const { id, ...rest } = partner;
    try {
      await this.model.create({ _id: id, ...rest, secrets: [this.sealed(id, secret, partner.createdAt)], secretsVersion: 0 });
    } catch (err) {
      if (isDuplicateKey(err)) throw new PartnerExistsError(`partner ${id} exists`);
      throw err;
    }
  }

  async get(id: string): Promise<PartnerProfile | null> {
    const doc = await this.model.findById(id, WITHOUT_SECRETS).lean<PartnerDoc>();
    return doc ? toProfile(doc) : null;
  }

  async list(): Promise<PartnerProfile[]> {
    return (await this.model.find({}, WITHOUT_SECRETS).sort({ _id: 1 }).lean<PartnerDoc[]>()).map(toProfile);
  }

  /**
   * Sets what the partner is sent; the fan-out reads partners on every event, so the next event
   * follows it. Returns the partner as it was and as it is now, or null if there is no such partner.
   */
  async changeSubscription(id: string, change: PartnerSubscriptionChange): Promise<{ before: PartnerProfile; after: PartnerProfile } | null> {
    const before = await this.model
      .findOneAndUpdate({ _id: id }, { $set: change }, { projection: WITHOUT_SECRETS, returnDocument: 'before' })
      .lean<PartnerDoc>();
    if (!before) return null;
    const previous = toProfile(before);
    return { before: previous, after: { ...previous, ...change } };
  }

  /** The partner with its sealed secrets: for signing a delivery, and nothing else. */
  async signingPartner(id: string): Promise<Partner | null> {
    const doc = await this.model.findById(id).lean<PartnerDoc>();
    return doc ? { ...toProfile(doc), secrets: doc.secrets } : null;
  }

  /** Adds `secret` as the new current secret; the ones it replaces keep signing until `overlapUntil`. Null if no such partner. */
  async rotateSecret(id: string, secret: string, now: Date, overlapUntil: Date): Promise<PartnerProfile | null> {
    for (;;) {
      const doc = await this.model.findById(id).lean<PartnerDoc>();
      if (!doc) return null;
      const kept = doc.secrets.map((s) => ({ ...s, expiresAt: s.expiresAt ?? overlapUntil })).filter((s) => s.expiresAt > now);
      const secrets = [...kept, this.sealed(id, secret, now)];
      const res = await this.model.updateOne({ _id: id, secretsVersion: doc.secretsVersion }, { $set: { secrets, secretsVersion: doc.secretsVersion + 1 } });
      if (res.modifiedCount === 1) return toProfile(doc);
    }
  }

  /**
   * Seals again, with the current key, every secret sealed with an old one (and seals any stored in
   * clear before secrets were sealed), so an old key can be retired once every replica has started
   * with the new one. Values that do not open are left as they are (and fail loudly when a delivery
   * needs them). Returns how many partners were updated.
   */
  async resealWithCurrentKey(): Promise<number> {
    let updated = 0;
    for (const doc of await this.model.find({}, { secrets: 1, secretsVersion: 1 }).lean<StoredPartnerSecrets[]>()) {
      const secrets = doc.secrets.map((s): StoredSecret => {
        if (s.sealed && !this.keyring.needsReseal(s.sealed)) return s;
        try {
          const plain = s.sealed ? this.keyring.open(s.sealed, doc._id) : s.secret;
          return plain ? { sealed: this.keyring.seal(plain, doc._id), createdAt: s.createdAt, expiresAt: s.expiresAt } : s;
        } catch {
          return s;
        }
      });
      if (secrets.every((s, i) => s === doc.secrets[i])) continue;
      // A concurrent rotation wins: its values are sealed with the current key already.
      const res = await this.model.updateOne(
        { _id: doc._id, secretsVersion: doc.secretsVersion },
        { $set: { secrets, secretsVersion: doc.secretsVersion + 1 } },
      );
      updated += res.modifiedCount;
    }
    return updated;
  }
}
