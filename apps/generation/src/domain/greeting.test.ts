import { greetingPrompt, templateGreeting } from './greeting';
import { traitsFrom } from './traits';

const traits = traitsFrom([
  { channel: 'web', touchCount: 2, firstSeenAt: new Date('2026-03-01T09:00:00Z'), lastSeenAt: new Date('2026-03-01T09:05:00Z') },
  { channel: 'call_center', touchCount: 1, firstSeenAt: new Date('2026-03-03T14:30:00Z'), lastSeenAt: new Date('2026-03-03T14:30:00Z') },
])!;

describe('greetings from traits', () => {
  it('derives traits: totals, channels most recent first, first and last seen', () => {
    expect(traits).toEqual({
      touchCount: 3,
      channels: ['call_center', 'web'],
      firstSeenAt: new Date('2026-03-01T09:00:00Z'),
      lastSeenAt: new Date('2026-03-03T14:30:00Z'),
      lastChannel: 'call_center',
    });
    expect(traitsFrom([])).toBeNull();
  });

  it('writes a greeting that states only observed facts', () => {
    expect(templateGreeting(traits)).toBe(
      'Welcome back! Since March 2026 we have seen you 3 times, through our contact centre and our website. ' +
        'Thank you for your recent contact via our contact centre. How can we help you today?',
    );
  });

  it('says "once" for a single touchpoint', () => {
    expect(templateGreeting({ ...traits, touchCount: 1, channels: ['store'], lastChannel: 'store' })).toContain('seen you once, through one of our stores');
  });

  it('builds a prompt from the traits alone', () => {
    const prompt = greetingPrompt(traits);
    expect(prompt).toContain('touchpoints so far: 3');
    expect(prompt).toContain('most recent contact: our contact centre on 2026-03-03');
    expect(prompt).toContain('do not invent');
  });
});
