import { propensityPopulation } from './propensity-population';

describe('propensityPopulation', () => {
  const cutoff = new Date('2026-06-01T00:00:00Z');
  const people = propensityPopulation({ seed: 7, customers: 2000, cutoff, horizonDays: 30, tag: 't' });

  it('is deterministic from its seed', () => {
    expect(propensityPopulation({ seed: 7, customers: 5, cutoff, horizonDays: 30, tag: 't' })).toEqual(people.slice(0, 5));
  });

  it('draws outcomes from the stated probabilities, and only the horizon has touchpoints after the cutoff', () => {
    const expected = people.reduce((n, p) => n + p.churnProbability, 0) / people.length;
    const observed = people.filter((p) => p.churned).length / people.length;
    expect(Math.abs(observed - expected)).toBeLessThan(0.04);
    for (const p of people) {
      const after = p.touchpoints.filter((t) => new Date(t.occurredAt) > cutoff);
      expect(after.length === 0).toBe(p.churned);
      expect(after.every((t) => new Date(t.occurredAt).getTime() < cutoff.getTime() + 30 * 86_400_000)).toBe(true);
    }
  });
});
