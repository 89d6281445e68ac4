import { detectJourneyAlerts, keepStrongest } from './detect-journey-alerts';
import type { JourneyAlert } from './journey-alert';
import { buildSessions, DAY_MS, type JourneyEvent, type JourneySession } from './journey-sessions';
import { aggregateSessions, candidateSteps } from './journey-stats';
import { referenceDays, runsOf } from './seasonal-baseline';

const MONDAY = Date.UTC(2026, 0, 5) / DAY_MS;
const ev = (user: string, minute: number, event: string, segments: Record<string, string> = {}): JourneyEvent => ({
  user,
  time: MONDAY * DAY_MS + minute * 60_000,
  event,
  segments,
});
/** n sessions on a day (offset from MONDAY) with the given events and segments. */
const sessions = (day: number, n: number, events: string[], segments: Record<string, string> = {}): JourneySession[] =>
  Array.from({ length: n }, () => ({ day: MONDAY + day, events, segments }));

describe('sessions and daily aggregates', () => {
  it('cuts sessions at 30 minutes of inactivity and labels new and returning visitors and their cohort', () => {
    const out = buildSessions([ev('u', 0, 'a', { platform: 'ios' }), ev('u', 10, 'b'), ev('u', 50, 'a'), ev('u', 1440 * 8, 'a'), ev('v', 5, 'a')]);
    expect(out.map((s) => [s.day - MONDAY, s.events.join('>'), s.segments['visitor'], s.segments['cohort']])).toEqual([
      [0, 'a>b', 'new', '2026-01-05'],
      [0, 'a', 'new', '2026-01-05'],
      [8, 'a', 'returning', '2026-01-05'],
      [0, 'a', 'new', '2026-01-05'],
    ]);
    expect(out[0]!.segments['platform']).toBe('ios');
  });

  it('counts a step as converted when its second event comes later in the session, and a back-edge a → b → a', () => {
    const all = [...sessions(0, 1, ['a', 'b', 'a']), ...sessions(0, 1, ['a', 'c']), ...sessions(0, 1, ['b', 'a'])];
    const stats = aggregateSessions(all, ['a->b', 'b->a']);
    const day = stats.bySegment.get('all')![0]!;
    expect(day.sessions).toBe(3);
    expect(day.events.get('a')).toBe(4);
    expect(day.steps.get('a->b')).toEqual({ entered: 3, converted: 1 });
    expect(day.backEdges.get('a->b')).toEqual({ edges: 1, backs: 1 });
    expect(day.backEdges.get('b->a')).toEqual({ edges: 2, backs: 0 });
  });

  it('watches the transitions enough sessions take, most common first', () => {
    const all = [...sessions(0, 50, ['a', 'b', 'b', 'c']), ...sessions(0, 40, ['a', 'c']), ...sessions(0, 5, ['c', 'a'])];
    expect(candidateSteps(all)).toEqual(['a->b', 'b->c', 'a->c']);
  });
});

describe('seasonal baseline', () => {
  it('takes the same weekday of earlier weeks, skipping flagged days', () => {
    expect(referenceDays(30, () => true)).toEqual([23, 16, 9, 2]);
    expect(referenceDays(30, (d) => d !== 23 && d !== 16)).toEqual([9, 2]);
    expect(referenceDays(10, () => true)).toEqual([3]);
  });

  it('merges flagged days into runs across a quiet day', () => {
    const f = (day: number) => ({ day, baseline: 1, observed: 2, score: 5 });
    expect(runsOf([f(3), f(4), f(6), f(9)]).map((r) => r.map((x) => x.day))).toEqual([[3, 4, 6], [9]]);
  });
});

describe('detectors on hand-made series', () => {
  it('flags a volume spike against the weekday median with its z-score', () => {
    // 100 sessions of "a" every day for four weeks; day 28 (a Monday) has 200: baseline = median(100 ×4) = 100,
    // z = 100 / √(100·(1 + 1/4) + (0.15·100)²) = 100 / √350.
    const all = Array.from({ length: 29 }, (_, d) => sessions(d, d === 28 ? 200 : 100, ['a'])).flat();
    const alerts = detectJourneyAlerts(aggregateSessions(all, []));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'volume_spike', step: 'a', segment: 'all', from: '2026-02-02', to: '2026-02-02', baseline: 100, observed: 200 });
    expect(alerts[0]!.score).toBeCloseTo(100 / Math.sqrt(350), 10);
  });

  it('flags a step conversion drop by a two-proportion z against the reference days', () => {
    // a → b converts 50 of 100 sessions a day; on day 21, 20 of 100. Reference days 14, 7, 0: 150 of 300.
    // pooled = 170/400; z = (0.2 − 0.5) / √(0.425·0.575·(1/100 + 1/300)).
    const day = (d: number) =>
      d === 21 ? [...sessions(d, 20, ['a', 'b']), ...sessions(d, 80, ['a'])] : [...sessions(d, 50, ['a', 'b']), ...sessions(d, 50, ['a'])];
    const all = Array.from({ length: 22 }, (_, d) => day(d)).flat();
    const drops = detectJourneyAlerts(aggregateSessions(all, ['a->b'])).filter((a) => a.kind === 'conversion_drop');
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ step: 'a->b', from: '2026-01-26', to: '2026-01-26', baseline: 0.5, observed: 0.2 });
    expect(drops[0]!.score).toBeCloseTo(-0.3 / Math.sqrt(0.425 * 0.575 * (1 / 100 + 1 / 300)), 10);
  });

  it('flags a new back-edge and names it b->a', () => {
    const day = (d: number) => (d >= 21 ? [...sessions(d, 30, ['a', 'b', 'a']), ...sessions(d, 70, ['a', 'b'])] : sessions(d, 100, ['a', 'b']));
    const all = Array.from({ length: 24 }, (_, d) => day(d)).flat();
    const loops = detectJourneyAlerts(aggregateSessions(all, ['a->b'])).filter((a) => a.kind === 'new_loop');
    expect(loops).toEqual([expect.objectContaining({ step: 'b->a', segment: 'all', from: '2026-01-26', to: '2026-01-28', baseline: 0, observed: 0.3 })]);
  });

  it('judges a back-edge too thin for days on whole weeks', () => {
    // 5 sessions a day take a → b; in the fourth week 2 a day go straight back. Week 3: 14 of 35 against
    // weeks 0–2: 0 of 105; pooled 14/140 = 0.1, z = 0.4 / √(0.1·0.9·(1/35 + 1/105)).
    const day = (d: number) => (d >= 21 ? [...sessions(d, 2, ['a', 'b', 'a']), ...sessions(d, 3, ['a', 'b'])] : sessions(d, 5, ['a', 'b']));
    const all = Array.from({ length: 28 }, (_, d) => day(d)).flat();
    const loops = detectJourneyAlerts(aggregateSessions(all, ['a->b'])).filter((a) => a.kind === 'new_loop');
    expect(loops).toEqual([
      expect.objectContaining({
        metric: 'weekly_back_edge_rate',
        step: 'b->a',
        segment: 'all',
        from: '2026-01-26',
        to: '2026-02-01',
        baseline: 0,
        observed: 0.4,
      }),
    ]);
    expect(loops[0]!.score).toBeCloseTo(0.4 / Math.sqrt(0.1 * 0.9 * (1 / 35 + 1 / 105)), 10);
  });

  it('flags a segment that converts worse than the rest on most days, and not a fair one', () => {
    // Every day: new visitors convert 10 of 50, returning 30 of 50 at a → b; web and app convert alike.
    const day = (d: number) => [
      ...sessions(d, 5, ['a', 'b'], { visitor: 'new', platform: 'web' }),
      ...sessions(d, 5, ['a', 'b'], { visitor: 'new', platform: 'app' }),
      ...sessions(d, 20, ['a'], { visitor: 'new', platform: 'web' }),
      ...sessions(d, 20, ['a'], { visitor: 'new', platform: 'app' }),
      ...sessions(d, 15, ['a', 'b'], { visitor: 'returning', platform: 'web' }),
      ...sessions(d, 15, ['a', 'b'], { visitor: 'returning', platform: 'app' }),
      ...sessions(d, 10, ['a'], { visitor: 'returning', platform: 'web' }),
      ...sessions(d, 10, ['a'], { visitor: 'returning', platform: 'app' }),
    ];
    const all = Array.from({ length: 20 }, (_, d) => day(d)).flat();
    const gaps = detectJourneyAlerts(aggregateSessions(all, ['a->b'])).filter((a) => a.kind === 'segment_gap');
    // 200 of 1000 against 600 of 1000: pooled 0.4, z = −0.4 / √(0.4·0.6·(2/1000)).
    expect(gaps).toEqual([
      expect.objectContaining({ step: 'a->b', segment: 'visitor=new', from: '2026-01-05', to: '2026-01-24', baseline: 0.6, observed: 0.2 }),
    ]);
    expect(gaps[0]!.score).toBeCloseTo(-0.4 / Math.sqrt(0.4 * 0.6 * 0.002), 10);
  });

  it('keeps, of overlapping alerts on one step, the one in the segment where the signal is strongest', () => {
    const a = (segment: string, score: number, from: string, to: string): JourneyAlert => ({
      kind: 'new_loop',
      metric: 'back_edge_rate',
      step: 'b->a',
      segment,
      from,
      to,
      baseline: 0,
      observed: 1,
      score,
    });
    const kept = keepStrongest([
      a('all', 5, '2026-01-10', '2026-01-20'),
      a('platform=android', 9, '2026-01-11', '2026-01-21'),
      a('all', 5, '2026-03-01', '2026-03-01'),
    ]);
    expect(kept.map((k) => [k.segment, k.from])).toEqual([
      ['platform=android', '2026-01-11'],
      ['all', '2026-03-01'],
    ]);
  });
});
