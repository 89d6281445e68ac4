import { ATTRIBUTION_MODELS, type AttributionModel } from '../domain/attribution/attribution-models';
import { attributeByModels, type ModelReport } from '../domain/attribution/attribution-report';
import { pathsFromJourneys, type PathWindow } from '../domain/attribution/journey-paths';
import type { AnonymousJourney } from '../domain/anonymous-journey';
import { analyticsError } from '../journeys/journey-source-error';

export interface JourneyReader {
  between(from: Date, to: Date): Promise<AnonymousJourney[]>;
}

export interface AttributionQuery extends PathWindow {
  models: readonly AttributionModel[];
  halfLifeDays: number;
  markovOrder: number;
}

export interface AttributionResult {
  conversions: number;
  unattributed: number;
  nonConverting: number;
  reports: ModelReport[];
}

const DAY_MS = 86_400_000;
const MAX_SPAN_DAYS = 366;

function check(q: AttributionQuery): void {
  const bad = (message: string) => analyticsError('BAD_USER_INPUT', message);
  if (q.conversionEvent.trim() === '' || q.conversionEvent.length > 128) throw bad('conversionEvent must name an event (1 to 128 characters)');
  if (!(q.from < q.to)) throw bad('the window must end after it starts');
  if (q.to.getTime() - q.from.getTime() > MAX_SPAN_DAYS * DAY_MS) throw bad(`the window may span at most ${MAX_SPAN_DAYS} days`);
  if (!Number.isInteger(q.lookbackDays) || q.lookbackDays < 1 || q.lookbackDays > 180) throw bad('lookbackDays must be an integer from 1 to 180');
  if (!(q.halfLifeDays > 0 && q.halfLifeDays <= 365)) throw bad('halfLifeDays must be above 0 and at most 365');
  if (![1, 2, 3].includes(q.markovOrder)) throw bad('markovOrder must be 1, 2 or 3');
  if (q.models.length === 0 || new Set(q.models).size !== q.models.length) throw bad('models must name each model once');
}

/**
 * Attribution over conversions in a window: journeys read from touchpoint-store from the lookback
 * before the window to its end, turned into conversion paths and credited by each model.
 */
export class AttributionUseCase {
  constructor(
    private readonly journeys: JourneyReader,
    private readonly bootstrap: { replicates: number; seed: number },
  ) {}

  get replicates(): number {
    return this.bootstrap.replicates;
  }

  async run(q: AttributionQuery): Promise<AttributionResult> {
    check(q);
    const journeys = await this.journeys.between(new Date(q.from.getTime() - q.lookbackDays * DAY_MS), q.to);
    const { paths, unattributed, nonConverting } = pathsFromJourneys(journeys, q);
    const conversions = paths.reduce((s, p) => s + p.conversions, 0);
    const reports = attributeByModels(paths, q.models, { halfLifeDays: q.halfLifeDays, markovOrder: q.markovOrder }, this.bootstrap);
    return { conversions, unattributed, nonConverting, reports };
  }
}

export const ALL_MODELS = ATTRIBUTION_MODELS;
