import { DEFAULT_ESCALATION_POLICY, escalationReasons, sentimentTrend, type TurnAssessment } from './escalation-rules';

const turn = (over: Partial<TurnAssessment> = {}): TurnAssessment => ({
  text: 'where is my order',
  intent: 'order_status',
  confidence: 0.9,
  sentiment: 0,
  ...over,
});

describe('escalation rules', () => {
  it('lets a plain, confident, neutral message through', () => {
    expect(escalationReasons([], turn())).toEqual([]);
  });

  it('hands over when the customer asks, by intent or by words the classifier missed', () => {
    expect(escalationReasons([], turn({ intent: 'human' }))).toEqual(['customer_asked']);
    expect(escalationReasons([], turn({ text: 'I want to talk to a real person', intent: 'other', confidence: 0.2 }))).toContain('customer_asked');
    // A low-confidence "human" reading alone is not the customer asking.
    expect(escalationReasons([], turn({ intent: 'human', confidence: 0.2 }))).not.toContain('customer_asked');
  });

  it('hands over on one strongly negative message, or two mildly negative ones in a row', () => {
    const policy = DEFAULT_ESCALATION_POLICY;
    expect(escalationReasons([], turn({ sentiment: policy.strongNegative }))).toEqual(['negative_sentiment']);
    expect(escalationReasons([], turn({ sentiment: policy.negative }))).toEqual([]);
    expect(escalationReasons([turn({ sentiment: policy.negative })], turn({ sentiment: policy.negative }))).toEqual(['negative_sentiment']);
    expect(escalationReasons([turn({ sentiment: policy.negative }), turn()], turn({ sentiment: policy.negative }))).toEqual([]);
  });

  it('hands over the second time the assistant is unsure, not the first', () => {
    const unsure = turn({ intent: 'other', confidence: 0.1 });
    expect(escalationReasons([], unsure)).toEqual([]);
    expect(escalationReasons([unsure, turn()], unsure)).toEqual(['low_confidence']);
    expect(escalationReasons([unsure], turn())).toEqual([]);
  });

  it.each([
    ['vulnerability', 'my mother passed away last week'],
    ['vulnerability', "I can't afford to wait for the money"],
    ['complaint', 'this is unacceptable'],
    ['legal_privacy', 'I will take legal action'],
    ['legal_privacy', 'you shared my data without my consent'],
  ])('hands over on %s keywords: "%s"', (reason, text) => {
    expect(escalationReasons([], turn({ text }))).toContain(reason);
  });

  it('names every reason that applies at once', () => {
    expect(
      escalationReasons([], turn({ text: 'I want to speak to a manager to complain, my solicitor agrees', intent: 'complaint', sentiment: -0.9 })),
    ).toEqual(['customer_asked', 'negative_sentiment', 'complaint', 'legal_privacy']);
  });

  it('matches keywords on whole words, so "issue" or "courteous" raise nothing', () => {
    expect(escalationReasons([], turn({ text: 'the courteous driver had an issue with the suede' }))).toEqual([]);
  });
});

describe('sentiment trend', () => {
  it('compares the last message with the average of those before', () => {
    expect(sentimentTrend([0.5])).toBe('steady');
    expect(sentimentTrend([0.5, 0.4, -0.6])).toBe('worsening');
    expect(sentimentTrend([-0.6, 0.3])).toBe('improving');
    expect(sentimentTrend([0.1, 0.05])).toBe('steady');
  });
});
