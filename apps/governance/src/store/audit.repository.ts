import { modelOn, isDuplicateKey } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import { GENESIS_HASH, hashAuditEntry, verifyChain, type AuditRecord, type ChainVerdict } from '../domain/audit-chain';

interface AuditDoc extends Omit<AuditRecord, 'seq'> {
  /** The sequence number: as the primary key, two appenders cannot both take the same place in the chain. */
  _id: number;
}

interface HeadDoc {
  _id: string;
  seq: number;
  hash: string;
}

const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: Number, required: true },
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    subject: { type: String, default: null },
    payload: { type: String, required: true },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { versionKey: false, collection: 'audit_log' },
);
auditSchema.index({ subject: 1, _id: 1 });

const headSchema = new Schema<HeadDoc>({ _id: String, seq: Number, hash: String }, { versionKey: false, collection: 'audit_head' });

export interface AuditAppend {
  actor: string;
  action: string;
  subject: string | null;
  /** Must hold no personal data: counts, ids, purposes, reasons. */
  details: Record<string, unknown>;
}

const MAX_APPEND_RACES = 100;

function toRecord(doc: AuditDoc): AuditRecord {
  const { _id, ...rest } = doc;
  return { ...rest, seq: _id, at: new Date(rest.at) };
}

/** The append-only, hash-chained audit log. Nothing here updates or deletes an entry. */
export class AuditRepository {
  private readonly model: Model<AuditDoc>;
  private readonly head: Model<HeadDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<AuditDoc>(connection, 'AuditEntry', auditSchema);
    this.head = modelOn<HeadDoc>(connection, 'AuditHead', headSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
    await this.head.init();
  }

  /**
   * Takes the next sequence number after the current last entry; a concurrent appender that took it
   * first makes the insert collide, and this one links to that entry instead.
   */
  async append(entry: AuditAppend): Promise<AuditRecord> {
    for (let attempt = 1; ; attempt++) {
      const last = await this.model.findOne({}, { _id: 1, hash: 1 }).sort({ _id: -1 }).lean<Pick<AuditDoc, '_id' | 'hash'>>();
      const base = {
        seq: (last?._id ?? 0) + 1,
        at: new Date(),
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject,
        payload: JSON.stringify(entry.details),
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const record: AuditRecord = { ...base, hash: hashAuditEntry(base) };
      try {
        const { seq, ...fields } = record;
        await this.model.create({ _id: seq, ...fields });
        await this.moveHead(record);
        return record;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= MAX_APPEND_RACES) throw err;
      }
    }
  }

  async entries(options: { subject?: string; afterSeq?: number; first: number }): Promise<AuditRecord[]> {
    const filter: Record<string, unknown> = { _id: { $gt: options.afterSeq ?? 0 } };
    if (options.subject) filter['subject'] = options.subject;
    const docs = await this.model.find(filter).sort({ _id: 1 }).limit(options.first).lean<AuditDoc[]>();
    return docs.map(toRecord);
  }

  async verify(): Promise<ChainVerdict> {
    const { records, head } = await this.snapshot();
    return verifyChain(records, head);
  }

  /** Every entry in order, with the recorded head: what verification reads. */
  async snapshot(): Promise<{ records: AuditRecord[]; head: { seq: number; hash: string } | null }> {
    const [docs, head] = await Promise.all([this.model.find({}).sort({ _id: 1 }).lean<AuditDoc[]>(), this.head.findById('head').lean<HeadDoc>()]);
    return { records: docs.map(toRecord), head: head ? { seq: head.seq, hash: head.hash } : null };
  }

  /** The last entry's place and hash, read from the entries themselves rather than the recorded head. */
  async last(): Promise<{ seq: number; hash: string } | null> {
    const last = await this.model.findOne({}, { _id: 1, hash: 1 }).sort({ _id: -1 }).lean<Pick<AuditDoc, '_id' | 'hash'>>();
    return last ? { seq: last._id, hash: last.hash } : null;
  }

  /** The head only moves forward: an appender that finished late never pulls it back. */
  private async moveHead(record: AuditRecord): Promise<void> {
    try {
      await this.head.updateOne({ _id: 'head', seq: { $lt: record.seq } }, { $set: { seq: record.seq, hash: record.hash } }, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
}
