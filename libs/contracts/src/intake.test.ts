import { DEFAULT_TIME_WINDOW } from './time-window';
import { parseIntakeItem } from './intake';

const receivedAt = new Date('2026-05-01T10:00:00Z');
const base = { messageId: 'm1', type: 'track', event: 'Viewed', channel: 'web', occurredAt: '2026-05-01T09:59:00Z', identifiers: { anonymousId: 'a1' } };
const judge = (item: object) => parseIntakeItem(item, receivedAt, DEFAULT_TIME_WINDOW);
const reasonOf = (item: object) => {
  const r = judge(item);
  return r.ok ? null : r.reason;
};

describe('the intake contract: times', () => {
  it('refuses a sentAt in the year 9999, which skew correction would push past any representable time', () => {
    expect(reasonOf({ ...base, sentAt: '9999-01-01T00:00:00Z' })).toMatch(
      /^TIME_OUT_OF_RANGE: sentAt 9999-01-01T00:00:00.000Z is after 2026-05-02T10:00:00.000Z/,
    );
  });

  it('applies the window to occurredAt after correction: a plausible sentAt cannot bring an absurd occurredAt in', () => {
    // The sender clock is a year behind, so occurredAt moves a year ahead: past the window.
    expect(reasonOf({ ...base, occurredAt: '2026-04-30T10:00:00Z', sentAt: '2025-05-01T10:00:00Z' })).toMatch(
      /occurredAt \(corrected for clock skew\) 2027-04-30/,
    );
    // A clock two hours ahead is corrected back into range.
    expect(judge({ ...base, occurredAt: '2026-05-01T11:55:00Z', sentAt: '2026-05-01T12:00:00Z' }).ok).toBe(true);
  });

  it('refuses occurrences before the earliest time, and the last instant of 9999 at a negative offset', () => {
    expect(reasonOf({ ...base, occurredAt: '1989-12-31T23:59:59Z' })).toMatch(/occurredAt 1989-12-31T23:59:59.000Z is before 1990-01-01/);
    expect(reasonOf({ ...base, occurredAt: '9999-12-31T23:59:59.999-05:00' })).toMatch(/TIME_OUT_OF_RANGE: occurredAt \d+ ms after 1970 is after/);
  });

  it('accepts the edges of the window', () => {
    expect(judge({ ...base, occurredAt: '1990-01-01T00:00:00Z' }).ok).toBe(true);
    expect(judge({ ...base, occurredAt: '2026-05-02T10:00:00Z', sentAt: '2026-05-02T10:00:00Z' }).ok).toBe(true);
    expect(judge({ ...base, occurredAt: '2026-05-02T10:00:00Z' }).ok).toBe(true);
    expect(reasonOf({ ...base, sentAt: '2026-05-02T10:00:00.001Z' })).toMatch(/sentAt/);
  });
});

describe('the intake contract: well-formed Unicode', () => {
  it.each([
    ['messageId', { messageId: '\udfff\ud800' }, 'messageId'],
    ['an identifier', { identifiers: { anonymousId: 'a\ud800' } }, 'identifiers.anonymousId'],
    ['a property key', { properties: { ['k\udc00']: 1 } }, 'properties.k\udc00'],
    ['a nested property value', { properties: { list: [{ v: 'x\ud83d' }] } }, 'properties.list.0.v'],
    ['a trait', { traits: { firstName: 'Ad\udfffa' } }, 'traits.firstName'],
    ['text', { text: 'said \ud800 then' }, 'text'],
    ['event', { event: '\udc00' }, 'event'],
    ['source', { source: 'pos\ud800' }, 'source'],
  ])('refuses %s holding a lone surrogate, naming it', (_, fields, path) => {
    expect(reasonOf({ ...base, ...fields })).toContain(`${path}: `);
    expect(reasonOf({ ...base, ...fields })).toMatch(/well-formed Unicode/);
  });

  it('accepts surrogate pairs (emoji, rare CJK) everywhere', () => {
    expect(judge({ ...base, messageId: 'm-😀-𠀋', properties: { '😀': '𠀋' }, text: '👍🏽' }).ok).toBe(true);
  });

  it('refuses a property key with NUL (the BSON encoder throws) and nesting deeper than a store takes', () => {
    expect(reasonOf({ ...base, properties: { 'a\u0000b': 1 } })).toMatch(/NUL/);
    let deep: object = { v: 1 };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(reasonOf({ ...base, properties: deep })).toMatch(/deeper than 32/);
  });
});
