import { jsonNestsDeeperThan } from './json-body';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects alike, up to the limit and not beyond', () => {
    expect(jsonNestsDeeperThan(bytes('[{"a":[1]}]'), 3)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('[{"a":[[1]]}]'), 3)).toBe(true);
  });

  it('measures depth, not the number of brackets', () => {
    expect(jsonNestsDeeperThan(bytes(`[${'{},'.repeat(1000)}{}]`), 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(bytes(JSON.stringify({ a: '[[[[', b: '\\"[[[[', c: 'é{{{{' })), 1)).toBe(false);
  });

  it('finds depth in text far too deep to parse and use', () => {
    expect(jsonNestsDeeperThan(bytes('['.repeat(100_000) + ']'.repeat(100_000)), 64)).toBe(true);
  });
});
