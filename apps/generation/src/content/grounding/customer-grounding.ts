import type { Caller } from '@c360/auth';
import type { CustomerGrounding, GroundingFact } from '../../domain/content/grounding';
import { identityFacts } from './identity-facts';
import { InsightsFacts } from './insights-facts';
import { journeyFacts } from './journey-facts';
import { SubgraphClient } from './subgraph-client';

export interface GroundingSourcesConfig {
  identityGraphUrl: string;
  touchpointStoreUrl: string;
  insightsUrl: string;
  internalTokenSecret: string;
  timeoutMs: number;
  journeyLookbackDays: number;
}

export interface GatheredGrounding extends CustomerGrounding {
  /** Sources that did not answer: the draft is written without their facts, and says so. */
  unavailable: string[];
}

/** Collects what the owners of each fact let this caller see about the customer, in parallel. */
export class CustomerGroundingSource {
  private readonly identity: SubgraphClient;
  private readonly touchpoints: SubgraphClient;
  private readonly insights: InsightsFacts;

  constructor(private readonly config: GroundingSourcesConfig) {
    const client = (name: string, url: string) => new SubgraphClient(name, url, config.internalTokenSecret, config.timeoutMs);
    this.identity = client('identity-graph', config.identityGraphUrl);
    this.touchpoints = client('touchpoint-store', config.touchpointStoreUrl);
    this.insights = new InsightsFacts(client('insights', config.insightsUrl));
  }

  async gather(caller: Caller, customerId: string, now = new Date()): Promise<GatheredGrounding> {
    const [identity, journey, insights] = await Promise.allSettled([
      identityFacts(this.identity, caller, customerId),
      journeyFacts(this.touchpoints, caller, customerId, now, this.config.journeyLookbackDays),
      this.insights.read(caller, customerId, now.getTime()),
    ]);
    const unavailable = [
      ['identity-graph', identity],
      ['touchpoint-store', journey],
      ['insights', insights],
    ].flatMap(([name, result]) => ((result as PromiseSettledResult<unknown>).status === 'rejected' ? [name as string] : []));
    const facts: GroundingFact[] = [
      ...(identity.status === 'fulfilled' ? identity.value.facts : []),
      ...(journey.status === 'fulfilled' ? journey.value : []),
      ...(insights.status === 'fulfilled' ? insights.value.facts : []),
    ];
    return {
      facts,
      personal: identity.status === 'fulfilled' ? identity.value.personal : { emails: [], phones: [] },
      catalogueOffers: insights.status === 'fulfilled' ? insights.value.offers : [],
      unavailable,
    };
  }
}
