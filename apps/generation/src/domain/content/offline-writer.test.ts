import { CONTENT_CHANNELS, CONTENT_PURPOSES, channelSpecs, type ContentChannel, type ContentPurpose } from './content-channels';
import { offlineAnswer } from './offline-writer';
import { checkFinalOutput, checkShape, checkWriterOutput, DEFAULT_BANNED_PHRASES, DEFAULT_TONE } from './output-checks';
import { fillPlaceholders, type GroundingFact } from './grounding';
import type { WriterRequest } from './prompt';

const specs = channelSpecs();
const facts: GroundingFact[] = [
  { source: 'event', key: 'dropoff_journey', value: 'checkout' },
  { source: 'event', key: 'dropoff_step', value: 'payment_details' },
  { source: 'touchpoint-store', key: 'recent_events', value: 'add_to_cart on web (2026-03-01); product_viewed on app (2026-02-27)' },
  { source: 'touchpoint-store', key: 'last_channel', value: 'web' },
  { source: 'insights', key: 'first_seen', value: 'January 2026' },
  { source: 'insights', key: 'segment', value: 'frequent store buyers' },
];

function request(channel: ContentChannel, purpose: ContentPurpose, overrides: Partial<WriterRequest> = {}): WriterRequest {
  return {
    channel,
    purpose,
    brief: 'Bring them back',
    variants: 5,
    spec: specs[channel],
    facts,
    placeholders: ['first_name'],
    offers: [],
    feedback: [],
    ...overrides,
  };
}

describe('offline writer', () => {
  it.each(CONTENT_CHANNELS.flatMap((c) => CONTENT_PURPOSES.map((p) => [c, p] as const)))(
    'writes %s copy for %s that passes every check, as 5 distinct variants',
    (channel, purpose) => {
      const req = request(channel, purpose);
      const variants = offlineAnswer(req);
      const ctx = {
        spec: req.spec,
        isSms: channel === 'sms',
        placeholders: req.placeholders,
        knownNames: ['Ada'],
        allowedClaimTexts: [req.brief],
        bannedPhrases: DEFAULT_BANNED_PHRASES,
        tone: DEFAULT_TONE,
        allowedSalutationWords: [],
      };
      const failures = variants.flatMap((v, i) => {
        const filled = Object.fromEntries(Object.entries(v).map(([k, t]) => [k, fillPlaceholders(t, { first_name: 'Alexandrine' })])) as unknown as typeof v;
        return [...checkShape(v, req.spec, i + 1), ...checkWriterOutput(v, ctx, i + 1), ...checkFinalOutput(filled, ctx, i + 1)];
      });
      expect(failures).toEqual([]);
      expect(new Set(variants.map((v) => JSON.stringify(v))).size).toBe(5);
    },
  );

  it('is deterministic, uses the grounding, and changes with it', () => {
    const a = offlineAnswer(request('email', 'recovery'));
    expect(offlineAnswer(request('email', 'recovery'))).toEqual(a);
    expect(JSON.stringify(a)).toMatch(/checkout/);
    expect(JSON.stringify(a)).toMatch(/payment details/);
    const plain = offlineAnswer(request('email', 'recovery', { facts: [], placeholders: [] }));
    expect(JSON.stringify(plain)).not.toMatch(/checkout|first_name/);
    expect(plain).not.toEqual(a);
  });

  it('writes shorter after a refusal for length', () => {
    const first = offlineAnswer(request('push', 'retention', { variants: 1 }))[0]!;
    const shorter = offlineAnswer(request('push', 'retention', { variants: 1, feedback: ['CHANNEL_LIMIT: body is 160 characters, at most 150'] }))[0]!;
    expect(shorter.body.length).toBeLessThan(first.body.length);
  });
});

describe('offline writer and the action catalogue', () => {
  it('mentions the next best action’s offer in its own words, which the claims check allows', () => {
    const offer = 'free delivery on orders over £50';
    const req = request('email', 'cross_sell', {
      variants: 1,
      facts: [...facts, { source: 'insights', key: 'next_best_action', value: `Delivery reminder: ${offer}` }],
      offers: [offer],
    });
    const [variant] = offlineAnswer(req);
    expect(variant?.body).toContain(`Good to know: ${offer}.`);
    const ctx = {
      spec: req.spec,
      isSms: false,
      placeholders: req.placeholders,
      knownNames: [],
      allowedClaimTexts: [req.brief, offer],
      bannedPhrases: DEFAULT_BANNED_PHRASES,
      tone: DEFAULT_TONE,
      allowedSalutationWords: [],
    };
    expect(checkFinalOutput(variant!, ctx, 1)).toEqual([]);
    expect(checkFinalOutput(variant!, { ...ctx, allowedClaimTexts: [req.brief] }, 1).map((f) => f.check)).toEqual(['UNGROUNDED_CLAIM']);
  });
});
