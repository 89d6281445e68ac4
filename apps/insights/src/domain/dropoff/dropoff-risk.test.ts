import { binEdge, binOf, completedShareBy, completionQuantile, emptyTiming, type CompletionTiming } from './completion-timing';
import { abandonmentRisk, judgeOpenJourney, usualTimeMs, type DropoffSettings } from './dropoff-risk';
import { roleOf, DEFAULT_JOURNEYS, journeyDefinitionsSchema } from './journey-definitions';

const MIN = 60_000;
const settings: DropoffSettings = { usualQuantile: 0.9, minCompletions: 20, defaultUsualMs: 60 * MIN, threshold: 0.8 };

function timingOf(durationsMs: number[], started: number): CompletionTiming {
  const t = emptyTiming();
  for (const d of durationsMs) t.bins[binOf(d)]! += 1;
  return { ...t, started, completed: durationsMs.length };
}

describe('completion timing', () => {
  it('places durations in log bins and reads quantiles back within a bin’s width', () => {
    const t = timingOf(
      Array.from({ length: 100 }, (_, i) => (i + 1) * MIN),
      100,
    );
    const width = binEdge(1) / binEdge(0);
    const p90 = completionQuantile(t, 0.9)!;
    expect(p90 / (90 * MIN)).toBeGreaterThan(1 / width);
    expect(p90 / (90 * MIN)).toBeLessThan(width);
    expect(completedShareBy(t, 50 * MIN)).toBeCloseTo(0.5, 1);
    expect(completedShareBy(t, 1000 * MIN)).toBe(1);
    expect(completionQuantile(emptyTiming(), 0.9)).toBeNull();
  });
});

describe('abandonment risk', () => {
  it('follows Bayes: with half completing, all within 10 minutes, an hour-old open journey is abandoned', () => {
    const t = timingOf(new Array(50).fill(5 * MIN), 100);
    expect(abandonmentRisk(t, 60 * MIN, settings)).toBeCloseTo(1, 6);
    // At t = 0 nothing is known beyond the completion rate: p = (50 + 5)/(100 + 10) = 0.5, risk 0.5.
    expect(abandonmentRisk(t, 0, settings)).toBeCloseTo(0.5, 6);
  });

  it('rises with time when the journey’s own timing is not learnt yet, reaching 1 − p·0.1/(1 − p·0.9) at the default usual time', () => {
    const t = { ...emptyTiming(), started: 0 };
    const atUsual = abandonmentRisk(t, settings.defaultUsualMs, settings);
    // p = 0.5 (prior); F = 0.9: 1 − 0.05/0.55 = 0.90909.
    expect(atUsual).toBeCloseTo(1 - 0.05 / 0.55, 6);
    expect(abandonmentRisk(t, 10 * MIN, settings)).toBeLessThan(atUsual);
    expect(usualTimeMs(t, settings)).toBe(settings.defaultUsualMs);
  });

  it('waits until the usual time, notifies above the threshold, lapses long after', () => {
    const t = timingOf(
      Array.from({ length: 40 }, (_, i) => (i + 1) * MIN),
      60,
    );
    const usual = usualTimeMs(t, settings);
    expect(judgeOpenJourney(t, usual / 2, settings)).toMatchObject({ kind: 'wait', recheckAtMs: usual });
    expect(judgeOpenJourney(t, usual * 1.5, settings).kind).toBe('notify');
    // Untrained (exponential) timing: risk at 4.2 usual times is 1 − 0.5·10^-4.2/(1 − 0.5·(1 − 10^-4.2)) ≈ 0.999937.
    const strict = { ...settings, threshold: 0.99999 };
    expect(judgeOpenJourney(emptyTiming(), settings.defaultUsualMs * 1.01, strict).kind).toBe('wait');
    expect(judgeOpenJourney(emptyTiming(), settings.defaultUsualMs * 4.2, strict)).toMatchObject({ kind: 'lapse', score: expect.closeTo(0.999937, 5) });
  });
});

describe('journey definitions', () => {
  it('tells start, steps and completion apart', () => {
    const checkout = DEFAULT_JOURNEYS.find((j) => j.name === 'checkout')!;
    expect(roleOf(checkout, 'checkout_started')).toEqual({ role: 'start' });
    expect(roleOf(checkout, 'payment_info_added')).toEqual({ role: 'step', index: 2 });
    expect(roleOf(checkout, 'purchase')).toEqual({ role: 'complete' });
    expect(roleOf(checkout, 'page')).toBeNull();
  });

  it('refuses an event that both starts and completes a journey, and duplicate names', () => {
    expect(journeyDefinitionsSchema.safeParse([{ name: 'x', start: ['a'], complete: ['a'] }]).success).toBe(false);
    expect(journeyDefinitionsSchema.safeParse([...DEFAULT_JOURNEYS, DEFAULT_JOURNEYS[0]]).success).toBe(false);
    expect(journeyDefinitionsSchema.safeParse(DEFAULT_JOURNEYS).success).toBe(true);
  });
});
