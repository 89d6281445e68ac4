import type { Model } from 'mongoose';
import { cohortsFrom, cohortWeekRange, type Cohort, type CohortSpec } from '../domain/cohorts';
import { funnelResult, type FunnelResult, type FunnelSpec } from '../domain/funnel';
import { sortTransitions, type PathsResult, type PathsSpec, type Transition } from '../domain/paths';
import { cohortsPipeline } from './pipelines/cohorts.pipeline';
import { funnelPipeline } from './pipelines/funnel.pipeline';
import { pathsPipeline } from './pipelines/paths.pipeline';
import type { JourneyTimelineDoc } from './journey-timeline.repository';

/**
 * Aggregate analytics over every linked touchpoint, read from the journey timelines (one document
 * per customer, its touchpoints in order), so a query scans customers instead of sorting and
 * grouping every touchpoint. Answers hold event names, channels and counts only, never a customer
 * id or identifier. The pipelines do the work; this maps their rows.
 */
export class AnalyticsRepository {
  constructor(private readonly model: Model<JourneyTimelineDoc>) {}

  async funnel(spec: FunnelSpec): Promise<FunnelResult> {
    const rows = await this.model.aggregate<{ _id: { key: string; k: number }; n: number }>(funnelPipeline(spec), { allowDiskUse: true });
    const reachedBy = new Map<string, Map<number, number>>();
    for (const { _id, n } of rows) {
      const m = reachedBy.get(_id.key) ?? new Map<number, number>();
      m.set(_id.k, n);
      reachedBy.set(_id.key, m);
    }
    return funnelResult(spec.steps, reachedBy);
  }

  async paths(spec: PathsSpec): Promise<PathsResult> {
    type Row = { conversions: { n: number }[]; paths: { path: string[]; count: number }[]; transitions: { _id: Omit<Transition, 'count'>; count: number }[] };
    const [row] = await this.model.aggregate<Row>(pathsPipeline(spec), { allowDiskUse: true });
    return {
      conversions: row?.conversions[0]?.n ?? 0,
      paths: (row?.paths ?? []).map((p) => ({ path: p.path, count: p.count })),
      transitions: sortTransitions((row?.transitions ?? []).map((t) => ({ ...t._id, count: t.count }))),
    };
  }

  async cohorts(spec: CohortSpec): Promise<Cohort[]> {
    const { first, end } = cohortWeekRange(spec);
    const rows = await this.model.aggregate<{ _id: { first: number; off: number }; n: number }>(cohortsPipeline(first, end, spec.weeks), {
      allowDiskUse: true,
    });
    const active = new Map<number, Map<number, number>>();
    for (const { _id, n } of rows) {
      const m = active.get(_id.first) ?? new Map<number, number>();
      m.set(_id.off, n);
      active.set(_id.first, m);
    }
    return cohortsFrom(active, spec.weeks);
  }
}
