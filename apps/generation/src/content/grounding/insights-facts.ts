import type { Caller } from '@c360/auth';
import type { GroundingFact } from '../../domain/content/grounding';
import { customerSelection } from './insights-selection';
import type { SubgraphClient } from './subgraph-client';

export interface InsightsReading {
  facts: GroundingFact[];
  /** Offer texts from the action catalogue (the customer's next best action). */
  offers: string[];
}

type Reader = (value: unknown) => InsightsReading;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v && v !== '[masked]' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const fact = (key: string, value: string): GroundingFact => ({ source: 'insights', key, value });
const monthYear = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function readEngagement(value: unknown): InsightsReading {
  const e = obj(value);
  if (e['withheld'] === true) return { facts: [], offers: [] };
  const facts: GroundingFact[] = [];
  const count = num(e['touchCount']);
  if (count !== undefined) facts.push(fact('touch_count', String(count)));
  const first = str(e['firstSeenAt']);
  if (first) facts.push(fact('first_seen', monthYear(first)));
  const last = str(e['lastSeenAt']);
  if (last) facts.push(fact('last_seen', monthYear(last)));
  return { facts, offers: [] };
}

function readSegment(value: unknown): InsightsReading {
  const s = obj(value);
  const name = str(value) ?? str(s['name']) ?? str(s['label']) ?? str(s['description']);
  return { facts: name ? [fact('segment', name)] : [], offers: [] };
}

function readPredictions(value: unknown): InsightsReading {
  const p = obj(value);
  // insights' CustomerPredictions: withheld (nothing to ground on) or the scores of the active models.
  if (p['withheld'] === true) return { facts: [], offers: [] };
  const list = Array.isArray(value)
    ? value
    : Array.isArray(p['scores'])
      ? (p['scores'] as unknown[])
      : Object.entries(p).map(([kind, v]) => ({ kind, ...obj(v) }));
  const facts = list.flatMap((item) => {
    const p = obj(item);
    const kind = str(p['kind']) ?? str(p['model']) ?? str(p['name']);
    const band = str(p['band']);
    return kind && band ? [fact(`prediction_${kind.toLowerCase()}`, band.toLowerCase())] : [];
  });
  return { facts, offers: [] };
}

function readNextBestAction(value: unknown): InsightsReading {
  const d = obj(value);
  if (d['holdout'] === true || d['isHoldout'] === true) return { facts: [], offers: [] };
  const action = obj(d['action']);
  const name = str(action['name']) ?? str(d['actionName']) ?? str(d['name']);
  const offer = str(action['offer']) ?? str(action['description']) ?? str(d['offer']);
  if (!name && !offer) return { facts: [], offers: [] };
  return { facts: [fact('next_best_action', [name, offer].filter(Boolean).join(': '))], offers: [name, offer].filter((x): x is string => Boolean(x)) };
}

/**
 * The Customer fields of insights generation grounds on, each with its reader. A field insights does
 * not serve yet is skipped (see insights-selection.ts); supporting another is one line here.
 */
export const INSIGHTS_FIELDS: Record<string, Reader> = {
  engagement: readEngagement,
  segment: readSegment,
  predictions: readPredictions,
  nextBestAction: readNextBestAction,
};

const SDL_QUERY = '{ _service { sdl } }';
const SDL_TTL_MS = 60_000;

/** Reads insights through its schema of the moment, so fields added on other branches light up without a change here. */
export class InsightsFacts {
  private sdl: { text: string; at: number } | undefined;

  constructor(private readonly client: SubgraphClient) {}

  async read(caller: Caller, customerId: string, now = Date.now()): Promise<InsightsReading> {
    if (!this.sdl || now - this.sdl.at > SDL_TTL_MS) {
      const answer = await this.client.query<{ _service: { sdl: string } }>(caller, SDL_QUERY);
      this.sdl = { text: answer._service.sdl, at: now };
    }
    const { selection, present } = customerSelection(this.sdl.text, Object.keys(INSIGHTS_FIELDS));
    if (!selection) return { facts: [], offers: [] };
    const query = `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { ${selection} } } }`;
    const data = await this.client.query<{ _entities: (Record<string, unknown> | null)[] }>(caller, query, { id: customerId });
    const customer = data._entities[0] ?? {};
    const readings = present.map((name) =>
      customer[name] === undefined || customer[name] === null
        ? { facts: [], offers: [] }
        : (INSIGHTS_FIELDS[name]?.(customer[name]) ?? { facts: [], offers: [] }),
    );
    return { facts: readings.flatMap((r) => r.facts), offers: readings.flatMap((r) => r.offers) };
  }
}
