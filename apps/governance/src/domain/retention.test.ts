import { parseRetentionPolicies, retentionCutoff } from './retention';

const defaults = { touchpoints: 762, generated_drafts: 90 };

describe('retention policies', () => {
  it('keeps defaults for classes not named and overrides the named ones', () => {
    expect(parseRetentionPolicies('', defaults)).toEqual([
      { dataClass: 'touchpoints', days: 762 },
      { dataClass: 'generated_drafts', days: 90 },
    ]);
    expect(parseRetentionPolicies(' generated_drafts=30 ', defaults)).toEqual([
      { dataClass: 'touchpoints', days: 762 },
      { dataClass: 'generated_drafts', days: 30 },
    ]);
  });

  it('refuses unknown classes, malformed entries and zero days', () => {
    expect(parseRetentionPolicies('emails=3', defaults)).toContain('unknown data class');
    expect(parseRetentionPolicies('touchpoints:3', defaults)).toContain('not class=days');
    expect(parseRetentionPolicies('touchpoints=0', defaults)).toContain('at least one day');
  });

  it('computes the cut-off from now', () => {
    expect(retentionCutoff({ dataClass: 'generated_drafts', days: 90 }, new Date('2026-04-01T00:00:00Z'))).toEqual(new Date('2026-01-01T00:00:00Z'));
  });
});
