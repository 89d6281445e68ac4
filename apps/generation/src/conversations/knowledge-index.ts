import MiniSearch from 'minisearch';
import type { KnowledgeArticle, KnowledgeRepository } from './store/knowledge.repository';

// Words every question has: left in, "where is my order" would match any article that says "my".
const STOPWORDS = new Set(
  'a an and are as at be but by can could do does for from have how i if in is it me my of on or our so that the their there this to us was we what when where which who why will with would you your'.split(
    ' ',
  ),
);

function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  return STOPWORDS.has(t) ? null : t;
}

export interface ArticleHit {
  article: KnowledgeArticle;
  score: number;
}

/**
 * BM25 retrieval over the knowledge base (MiniSearch's ranking), offline. Each instance keeps its own
 * index and rebuilds it when the store's revision changes, checked at most every `refreshMs`.
 */
export class KnowledgeIndex {
  private index: MiniSearch<KnowledgeArticle> | null = null;
  private articles = new Map<string, KnowledgeArticle>();
  private revision = '';
  private checkedAt = 0;

  constructor(
    private readonly store: KnowledgeRepository,
    private readonly refreshMs: number,
    /** A hit scoring below this is not an answer; MiniSearch's BM25 scores, before field boosts, start near 1 for one matched term. */
    private readonly minScore: number,
  ) {}

  async search(text: string): Promise<ArticleHit | null> {
    await this.refresh();
    const best = this.index?.search(text, { fuzzy: 0.2, prefix: true, combineWith: 'OR' })[0];
    const article = best && this.articles.get(String(best.id));
    return article && best.score >= this.minScore ? { article, score: best.score } : null;
  }

  /** Forces the next search to re-read the store (after this instance loaded articles). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async refresh(): Promise<void> {
    if (this.index && Date.now() - this.checkedAt < this.refreshMs) return;
    this.checkedAt = Date.now();
    const revision = await this.store.revision();
    if (this.index && revision === this.revision) return;
    const articles = await this.store.all();
    const index = new MiniSearch<KnowledgeArticle>({
      fields: ['title', 'body', 'tags'],
      processTerm,
      searchOptions: { boost: { title: 2, tags: 1.5 }, processTerm },
    });
    index.addAll(articles.map((a) => ({ ...a, tags: a.tags.join(' ') }) as unknown as KnowledgeArticle));
    this.index = index;
    this.articles = new Map(articles.map((a) => [a.id, a]));
    this.revision = revision;
  }
}
