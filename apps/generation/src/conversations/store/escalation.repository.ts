import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { EscalationReason, SentimentTrend } from '../../domain/conversations/escalation-rules';
import type { Intent } from '../../domain/conversations/intents';

export type EscalationStatus = 'open' | 'claimed' | 'resolved';

export interface Escalation {
  /** One hand-over per conversation: its id is the conversation's. */
  id: string;
  conversationId: string;
  customerId: string | null;
  status: EscalationStatus;
  reasons: EscalationReason[];
  intent: Intent;
  summary: string;
  sentimentScores: number[];
  sentimentTrend: SentimentTrend;
  customer360Url: string | null;
  createdAt: Date;
  claimedBy: string | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  resolution: string | null;
}

type EscalationDoc = Omit<Escalation, 'id'> & { _id: string };

const escalationSchema = new Schema<EscalationDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    customerId: { type: String, default: null, index: true },
    status: { type: String, required: true, index: true },
    reasons: { type: [String], required: true },
    intent: { type: String, required: true },
    summary: { type: String, required: true },
    sentimentScores: { type: [Number], default: [] },
    sentimentTrend: { type: String, required: true },
    customer360Url: { type: String, default: null },
    createdAt: { type: Date, required: true },
    claimedBy: { type: String, default: null },
    claimedAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    resolution: { type: String, default: null },
  },
  { versionKey: false, collection: 'escalations' },
);

const toEscalation = ({ _id, ...rest }: EscalationDoc): Escalation => ({ id: _id, ...rest });

export type HandOver = Omit<Escalation, 'id' | 'status' | 'claimedBy' | 'claimedAt' | 'resolvedAt' | 'resolution'>;

/** Hand-overs to people. Each transition is one conditional update, so two agents cannot both claim one. */
export class EscalationRepository {
  private readonly model: Model<EscalationDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<EscalationDoc>(connection, 'Escalation', escalationSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  /** Opens the conversation's hand-over, or reopens a resolved one with the new reasons and summary. */
  async open(handOver: HandOver): Promise<Escalation> {
    const id = handOver.conversationId;
    const reset = { status: 'open', claimedBy: null, claimedAt: null, resolvedAt: null, resolution: null };
    await this.model.updateOne({ _id: id }, { $set: { ...handOver, ...reset } }, { upsert: true });
    return (await this.get(id))!;
  }

  /** Reasons met while the customer waits for or talks to an agent (a vulnerability mentioned later) are added to theirs. */
  async addReasons(id: string, reasons: readonly EscalationReason[]): Promise<void> {
    await this.model.updateOne({ _id: id, status: { $ne: 'resolved' } }, { $addToSet: { reasons: { $each: [...reasons] } } });
  }

  async get(id: string): Promise<Escalation | null> {
    const doc = await this.model.findById(id).lean<EscalationDoc>();
    return doc ? toEscalation(doc) : null;
  }

  async list(status: EscalationStatus, first: number): Promise<Escalation[]> {
    return (await this.model.find({ status }).sort({ createdAt: 1 }).limit(first).lean<EscalationDoc[]>()).map(toEscalation);
  }

  /** True when this agent holds it now (claimed just now, or already theirs). */
  async claim(id: string, agent: string, at: Date): Promise<boolean> {
    const res = await this.model.updateOne({ _id: id, status: 'open' }, { $set: { status: 'claimed', claimedBy: agent, claimedAt: at } });
    if (res.modifiedCount === 1) return true;
    return (await this.get(id))?.claimedBy === agent;
  }

  /** Only the agent holding it resolves it; true when resolved (now or before, by them). */
  async resolve(id: string, agent: string, resolution: string, at: Date): Promise<boolean> {
    const res = await this.model.updateOne({ _id: id, status: 'claimed', claimedBy: agent }, { $set: { status: 'resolved', resolution, resolvedAt: at } });
    if (res.modifiedCount === 1) return true;
    const current = await this.get(id);
    return current?.status === 'resolved' && current.claimedBy === agent;
  }

  async forCustomers(customerIds: readonly string[]): Promise<Escalation[]> {
    return (await this.model.find({ customerId: { $in: customerIds } }).lean<EscalationDoc[]>()).map(toEscalation);
  }

  /** The hand-overs of these conversations are about this customer now, with the link to their 360 view. */
  async reassign(conversationIds: readonly string[], customerId: string, customer360Url: string | null): Promise<void> {
    if (conversationIds.length > 0) await this.model.updateMany({ _id: { $in: conversationIds } }, { $set: { customerId, customer360Url } });
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: customerIds } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: customerIds } });
  }

  async eraseConversations(conversationIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ _id: { $in: conversationIds } })).deletedCount;
  }
}
