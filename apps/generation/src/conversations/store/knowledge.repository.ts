import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';

export interface KnowledgeArticle {
  id: string;
  title: string;
  body: string;
  tags: string[];
  updatedAt: Date;
}

type ArticleDoc = Omit<KnowledgeArticle, 'id'> & { _id: string };

const articleSchema = new Schema<ArticleDoc>(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    tags: { type: [String], default: [] },
    updatedAt: { type: Date, required: true, index: true },
  },
  { versionKey: false, collection: 'knowledge_articles' },
);

/** Help articles operators load; the bot answers from them. Not personal data. */
export class KnowledgeRepository {
  private readonly model: Model<ArticleDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<ArticleDoc>(connection, 'KnowledgeArticle', articleSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  /** Inserts or replaces each article by id. */
  async upsertMany(articles: readonly KnowledgeArticle[]): Promise<void> {
    if (articles.length === 0) return;
    await this.model.bulkWrite(
      articles.map(({ id, ...fields }) => ({ replaceOne: { filter: { _id: id }, replacement: { _id: id, ...fields }, upsert: true } })),
    );
  }

  async all(): Promise<KnowledgeArticle[]> {
    return (await this.model.find().lean<ArticleDoc[]>()).map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  /** Changes whenever an article is added or replaced, so each instance knows when to re-index. */
  async revision(): Promise<string> {
    const [count, latest] = await Promise.all([this.model.countDocuments(), this.model.findOne().sort({ updatedAt: -1 }).lean<ArticleDoc>()]);
    return `${count}:${latest?.updatedAt.getTime() ?? 0}`;
  }
}
