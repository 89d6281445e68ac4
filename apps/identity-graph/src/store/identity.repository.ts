import type { Driver } from 'neo4j-driver';
import type { RecordMatcher } from '../domain/match-decision';
import type { ResolutionOutcome } from '../domain/plan-batch';
import type { TypeRule } from '../domain/plan-resolution';
import { resolveBatchInTx, type ResolveRequest } from './batch-resolution';
import { ConcurrentMergeError, type TxContext } from './merge-steps';
import { SCHEMA_STATEMENTS } from './schema.cypher';
import { causalSession } from './neo4j-driver';

export type { ResolutionOutcome } from '../domain/plan-batch';
export type { ResolveRequest } from './batch-resolution';

export interface IdentityRepositoryOptions {
  rules: (type: string) => TypeRule;
  matcher: RecordMatcher;
}

const MAX_MERGE_RACES = 5;

/** Neo4j access for resolving touchpoints to customers: the only code that resolves identities. */
export class IdentityRepository {
  constructor(
    private readonly driver: Driver,
    private readonly options: IdentityRepositoryOptions,
  ) {}

  async ensureSchema(): Promise<void> {
    for (const statement of SCHEMA_STATEMENTS) await this.driver.executeQuery(statement);
  }

  /**
   * The one resolution engine. Resolves touchpoints in one transaction, in order, each seeing the
   * ones before it: identifiers deterministically or, with none shared, traits probabilistically. A
   * single touchpoint is a batch of one; a replayed messageId changes nothing. Ingestion sends whole
   * jobs, where a commit and a few round trips per batch replace several per touchpoint.
   */
  async resolveBatch(requests: readonly ResolveRequest[]): Promise<ResolutionOutcome[]> {
    if (requests.length === 0) return [];
    const deps = { rules: this.options.rules, matcher: this.options.matcher };
    return this.writeRetryingMergeRaces((ctx) => resolveBatchInTx(ctx, requests, deps));
  }

  /**
   * executeWrite retries Neo4j's transient errors (deadlocks) itself; a customer merged away under
   * us is not one of those, so the work is retried here, reading the new owners afresh.
   */
  private async writeRetryingMergeRaces<T>(work: (ctx: TxContext) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const session = causalSession(this.driver);
      try {
        return await session.executeWrite((tx) => work({ tx, now: new Date().toISOString() }));
      } catch (err) {
        if (!(err instanceof ConcurrentMergeError) || attempt >= MAX_MERGE_RACES) throw err;
      } finally {
        await session.close();
      }
    }
  }
}
