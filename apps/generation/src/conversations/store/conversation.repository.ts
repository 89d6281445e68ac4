import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Intent } from '../../domain/conversations/intents';

export type TurnAuthor = 'customer' | 'bot' | 'agent';
export type ConversationStatus = 'bot' | 'escalated';

export interface Turn {
  /** The chat touchpoint's messageId: chosen once, so a retried recording is stored once. */
  messageId: string;
  author: TurnAuthor;
  text: string;
  at: Date;
  intent: Intent | null;
  confidence: number | null;
  sentiment: number | null;
  /** Support agent who wrote an agent turn. */
  agentId: string | null;
  /** Knowledge articles a bot answer was grounded on. */
  sources: string[];
  /** A governance request the bot created on this turn: its key there. */
  requestKey: string | null;
}

export interface Conversation {
  id: string;
  /** null while the person is anonymous. */
  customerId: string | null;
  /** Where the chat happens (web, app…); the touchpoint channel is always chat. */
  surface: string;
  status: ConversationStatus;
  startedAt: Date;
  lastActivityAt: Date;
  turns: Turn[];
}

type ConversationDoc = Omit<Conversation, 'id'> & { _id: string };

const turnSchema = new Schema<Turn>(
  {
    messageId: { type: String, required: true },
    author: { type: String, required: true },
    text: { type: String, required: true },
    at: { type: Date, required: true },
    intent: { type: String, default: null },
    confidence: { type: Number, default: null },
    sentiment: { type: Number, default: null },
    agentId: { type: String, default: null },
    sources: { type: [String], default: [] },
    requestKey: { type: String, default: null },
  },
  { _id: false },
);

const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, default: null, index: true },
    surface: { type: String, required: true },
    status: { type: String, required: true },
    startedAt: { type: Date, required: true },
    lastActivityAt: { type: Date, required: true, index: true },
    turns: { type: [turnSchema], default: [] },
  },
  { versionKey: false, collection: 'conversations' },
);

const toConversation = ({ _id, ...rest }: ConversationDoc): Conversation => ({ id: _id, ...rest });

/** Conversations with their turns, one document each, so every write is one atomic update. */
export class ConversationRepository {
  private readonly model: Model<ConversationDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<ConversationDoc>(connection, 'Conversation', conversationSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  async create(conversation: Conversation): Promise<void> {
    const { id, ...fields } = conversation;
    await this.model.create({ _id: id, ...fields });
  }

  async get(id: string): Promise<Conversation | null> {
    const doc = await this.model.findById(id).lean<ConversationDoc>();
    return doc ? toConversation(doc) : null;
  }

  /** Appends turns in order and sets the status; $push keeps concurrent appends from losing each other. */
  async append(id: string, turns: readonly Turn[], status?: ConversationStatus): Promise<void> {
    const at = turns.at(-1)?.at ?? new Date();
    await this.model.updateOne({ _id: id }, { $push: { turns: { $each: [...turns] } }, $set: { lastActivityAt: at, ...(status ? { status } : {}) } });
  }

  async setStatus(id: string, status: ConversationStatus): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { status } });
  }

  /** The conversations of these ids (a customer and those merged into it), newest first. */
  async forCustomers(customerIds: readonly string[], first = 1000): Promise<Conversation[]> {
    const docs = await this.model
      .find({ customerId: { $in: customerIds } })
      .sort({ startedAt: -1 })
      .limit(first)
      .lean<ConversationDoc[]>();
    return docs.map(toConversation);
  }

  async idsForCustomers(customerIds: readonly string[]): Promise<string[]> {
    return (await this.model.find({ customerId: { $in: customerIds } }, { _id: 1 }).lean<{ _id: string }[]>()).map((d) => d._id);
  }

  /** customer.split: conversations holding any of these turns belong to the customer now; returns their ids. */
  async assignMessages(customerId: string, messageIds: readonly string[]): Promise<string[]> {
    const ids = (await this.model.find({ 'turns.messageId': { $in: messageIds } }, { _id: 1 }).lean<{ _id: string }[]>()).map((d) => d._id);
    if (ids.length > 0) await this.model.updateMany({ _id: { $in: ids } }, { $set: { customerId } });
    return ids;
  }

  /**
   * An anonymous conversation whose turns identity resolution gave to a customer becomes theirs, so
   * their data-subject requests reach it; returns the ids of the conversations that changed hands.
   */
  async claimAnonymous(customerId: string, messageIds: readonly string[]): Promise<string[]> {
    const filter = { customerId: null, 'turns.messageId': { $in: [...messageIds] } };
    const ids = (await this.model.find(filter, { _id: 1 }).lean<{ _id: string }[]>()).map((d) => d._id);
    if (ids.length > 0) await this.model.updateMany({ _id: { $in: ids }, customerId: null }, { $set: { customerId } });
    return ids;
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: customerIds } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: customerIds } });
  }

  /** Retention: conversations (identified or anonymous) quiet since before the cut-off; returns their ids. */
  async deleteInactiveSince(cutoff: Date, anonymous: boolean): Promise<string[]> {
    const filter = { lastActivityAt: { $lt: cutoff }, customerId: anonymous ? null : { $ne: null } };
    const ids = (await this.model.find(filter, { _id: 1 }).lean<{ _id: string }[]>()).map((d) => d._id);
    if (ids.length > 0) await this.model.deleteMany({ _id: { $in: ids } });
    return ids;
  }
}
