import { evaluateRule, parseRule, RuleError, type RuleSubject } from './eligibility-rule';

const subject: RuleSubject = {
  features: { recency_days: 3, touch_count: 12 },
  traits: { country: 'FR', vip: true },
  context: { device: 'mobile', basket: 80 },
  segments: ['loyal', 'high_value'],
};
const holds = (rule: string) => evaluateRule(parseRule(rule), subject);

function faultOf(rule: string): { code: string; position: number } {
  try {
    parseRule(rule);
  } catch (err) {
    if (err instanceof RuleError) return { code: err.code, position: err.position };
    throw err;
  }
  throw new Error(`rule ${rule} was accepted`);
}

describe('eligibility rules', () => {
  it('makes everyone eligible with an empty rule', () => {
    expect(holds('')).toBe(true);
    expect(holds('   ')).toBe(true);
  });

  it('compares features, traits and context values', () => {
    expect(holds('features.recency_days <= 7 and features.touch_count > 10')).toBe(true);
    expect(holds('features.recency_days < 3')).toBe(false);
    expect(holds('traits.country == "FR" and traits.vip == true')).toBe(true);
    expect(holds('traits.country in ["DE", "AT"]')).toBe(false);
    expect(holds('context.device in ["tablet", "mobile"] and context.basket >= 50')).toBe(true);
  });

  it('gives precedence to not over and over or, and honours parentheses', () => {
    expect(holds('segment "churned" or segment "loyal" and features.touch_count > 100')).toBe(false);
    expect(holds('(segment "churned" or segment "loyal") and not features.touch_count > 100')).toBe(true);
    expect(holds('not not segment "high_value"')).toBe(true);
  });

  it('treats a value the customer lacks as failing its test, whatever the comparison', () => {
    expect(holds('features.missing < 5')).toBe(false);
    expect(holds('traits.missing != "x"')).toBe(false);
    expect(holds('not exists traits.missing and exists traits.country')).toBe(true);
  });

  it('refuses malformed rules with the position of the fault', () => {
    expect(faultOf('features.touch_count >')).toEqual({ code: 'RULE_SYNTAX', position: 22 });
    expect(faultOf('profile.age > 3')).toEqual({ code: 'RULE_SYNTAX', position: 0 });
    expect(faultOf('features.x > 1 features.y > 2')).toEqual({ code: 'RULE_SYNTAX', position: 15 });
    expect(faultOf('traits.country ~ "FR"')).toEqual({ code: 'RULE_SYNTAX', position: 15 });
    expect(faultOf('(segment "a"')).toEqual({ code: 'RULE_SYNTAX', position: 12 });
  });

  it('refuses rules whose types cannot match', () => {
    expect(faultOf('features.recency_days == "recent"')).toEqual({ code: 'RULE_TYPE', position: 25 });
    expect(faultOf('traits.country > "FR"')).toEqual({ code: 'RULE_TYPE', position: 15 });
  });

  it('refuses rules too long or too deep to be a marketer’s', () => {
    expect(faultOf('not '.repeat(30) + 'segment "a"').code).toBe('RULE_TOO_COMPLEX');
    expect(faultOf('segment "a" or '.repeat(200) + 'segment "b"').code).toBe('RULE_TOO_COMPLEX');
  });

  it('does not read inherited properties as customer values', () => {
    expect(holds('exists traits.constructor')).toBe(false);
  });
});
