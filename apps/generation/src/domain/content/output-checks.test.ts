import { channelSpecs } from './content-channels';
import { checkFinalOutput, checkShape, checkWriterOutput, DEFAULT_BANNED_PHRASES, DEFAULT_TONE, type CheckContext } from './output-checks';

const specs = channelSpecs();
const ctx = (overrides: Partial<CheckContext> = {}): CheckContext => ({
  spec: specs.email,
  isSms: false,
  placeholders: ['first_name'],
  knownNames: ['Ada', 'Lovelace'],
  allowedClaimTexts: ['Remind them delivery is free over £50'],
  bannedPhrases: DEFAULT_BANNED_PHRASES,
  tone: DEFAULT_TONE,
  allowedSalutationWords: ['c360'],
  ...overrides,
});
const checks = (failures: { check: string }[]) => failures.map((f) => f.check);

describe('output checks', () => {
  it('passes grounded copy', () => {
    const v = { subject: 'Your basket is saved', body: 'Hi {{first_name}}, delivery is free over £50. Take another look.' };
    expect([
      ...checkShape(v, specs.email, 1),
      ...checkWriterOutput(v, ctx(), 1),
      ...checkFinalOutput({ ...v, body: v.body.replace('{{first_name}}', 'Ada') }, ctx(), 1),
    ]).toEqual([]);
  });

  it('FORMAT: missing and unexpected parts', () => {
    expect(checks(checkShape({ body: 'x' }, specs.email, 1))).toEqual(['FORMAT']);
    expect(checkShape({ body: 'x', headline: 'y' }, specs.sms, 2)[0]?.reason).toContain('unexpected headline');
  });

  it('CHANNEL_LIMIT: subject, push title and body lengths', () => {
    expect(checks(checkFinalOutput({ subject: 's'.repeat(61), body: 'ok' }, ctx(), 1))).toEqual(['CHANNEL_LIMIT']);
    expect(checks(checkFinalOutput({ headline: 'h'.repeat(51), body: 'b'.repeat(151) }, ctx({ spec: specs.push }), 1))).toEqual([
      'CHANNEL_LIMIT',
      'CHANNEL_LIMIT',
    ]);
  });

  it('SMS_LENGTH: 160 GSM-7 septets, or 70 UCS-2 units naming the characters that force it', () => {
    const sms = ctx({ spec: specs.sms, isSms: true });
    expect(checkFinalOutput({ body: 'a'.repeat(160) }, sms, 1)).toEqual([]);
    expect(checks(checkFinalOutput({ body: 'a'.repeat(161) }, sms, 1))).toEqual(['SMS_LENGTH']);
    const ucs2 = checkFinalOutput({ body: `${'a'.repeat(70)}’` }, sms, 1);
    expect(ucs2[0]?.reason).toContain('UCS-2');
    expect(ucs2[0]?.reason).toContain('’');
    expect(checkFinalOutput({ body: `${'a'.repeat(69)}’` }, sms, 1)).toEqual([]);
  });

  it('PERSONAL_DATA: contacts, cards, names the writer could not have been given; PLACEHOLDER: unknown ones', () => {
    expect(checks(checkWriterOutput({ body: 'Reply to help@example.com' }, ctx(), 1))).toEqual(['PERSONAL_DATA']);
    expect(checks(checkWriterOutput({ body: 'Card 4111-1111-1111-1111 on file' }, ctx(), 1))).toEqual(['PERSONAL_DATA']);
    expect(checks(checkWriterOutput({ body: 'Hi Maria, welcome' }, ctx(), 1))).toEqual(['PERSONAL_DATA']);
    expect(checks(checkWriterOutput({ body: 'Thanks, Lovelace household' }, ctx(), 1))).toEqual(['PERSONAL_DATA']);
    expect(checks(checkWriterOutput({ body: 'Hi c360 fans' }, ctx(), 1))).toEqual([]);
    expect(checks(checkWriterOutput({ body: 'Hi {{last_name}}' }, ctx(), 1))).toEqual(['PLACEHOLDER']);
    const reason = checkWriterOutput({ body: 'Call +44 20 7946 0958' }, ctx(), 1)[0]?.reason ?? '';
    expect(reason).not.toContain('7946');
  });

  it('UNGROUNDED_CLAIM: prices, discounts and promises absent from the brief and catalogue', () => {
    expect(checks(checkFinalOutput({ subject: 'Hi', body: 'Take 15% off today' }, ctx(), 1))).toEqual(['UNGROUNDED_CLAIM']);
    expect(checks(checkFinalOutput({ subject: 'Hi', body: 'Take 15% off today' }, ctx({ allowedClaimTexts: ['offer 15% off'] }), 1))).toEqual([]);
  });

  it('BANNED_PHRASE and TONE: configured phrases, exclamations, capitals, emoji', () => {
    expect(checks(checkFinalOutput({ subject: 'Act now', body: 'ok' }, ctx(), 1))).toEqual(['BANNED_PHRASE']);
    expect(checks(checkFinalOutput({ subject: 'Hi', body: 'ok' }, ctx({ bannedPhrases: ['ok'] }), 1))).toEqual(['BANNED_PHRASE']);
    expect(checkFinalOutput({ subject: 'Wow!', body: 'Great!! NEVER miss this 🎉' }, ctx(), 1)[0]?.reason).toMatch(
      /3 exclamation.*1 word\(s\) in capitals.*1 emoji/,
    );
    expect(checkFinalOutput({ subject: 'Hi', body: 'Our NASA range' }, ctx({ tone: { ...DEFAULT_TONE, allowedCapitals: ['NASA'] } }), 1)).toEqual([]);
  });
});
