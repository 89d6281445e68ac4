import { DEFAULT_TIME_WINDOW } from '@c360/contracts';
import { validateBatch } from './validate-batch';

const judge = (items: unknown[]) => validateBatch(items, new Date('2026-05-02T00:00:00Z'), DEFAULT_TIME_WINDOW);

const good = (messageId: string) => ({
  messageId,
  type: 'track',
  event: 'Clicked',
  channel: 'web',
  occurredAt: '2026-05-01T10:00:00Z',
  identifiers: { anonymousId: 'a1' },
  properties: { button: 'buy' },
});

describe('validateBatch', () => {
  it('accepts an offline record that names a person without any identifier, and refuses one that names no one', () => {
    const visit = {
      ...good('v1'),
      type: 'visit',
      channel: 'store',
      identifiers: undefined,
      traits: { firstName: 'Ada', surname: 'Lovelace', postcode: '2000' },
    };
    const anonymous = { ...good('v2'), type: 'visit', channel: 'store', identifiers: undefined, traits: { favouriteColour: 'blue' } };
    const { accepted, results } = judge([visit, anonymous]);
    expect(accepted.map((t) => t.messageId)).toEqual(['v1']);
    expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('at least one identifier, or person traits') });
  });

  it('accepts good items and rejects bad ones with a reason, each in its place', () => {
    const { accepted, results } = judge([
      good('m1'),
      { ...good('m2'), channel: 'fax' },
      { ...good('m3'), identifiers: {} },
      { ...good('m4'), occurredAt: 'yesterday' },
      good('m5'),
      'not an object',
    ]);
    expect(accepted.map((t) => t.messageId)).toEqual(['m1', 'm5']);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'accepted', 'rejected']);
    expect(results[1]).toMatchObject({ messageId: 'm2', reason: expect.stringContaining('channel') });
    expect(results[2]).toMatchObject({ reason: expect.stringContaining('at least one identifier') });
    expect(results[3]).toMatchObject({ reason: expect.stringContaining('occurredAt') });
    expect(results[5]).toMatchObject({ messageId: null, status: 'rejected' });
  });

  // A type-shaped name passes the envelope and is checked against the deployment's identifier policy at intake.
  it('rejects identifier names no type could have, and unknown fields, rather than silently dropping them', () => {
    const { results } = judge([
      { ...good('m1'), identifiers: { 'fax number': '123' } },
      { ...good('m2'), colour: 'red' },
    ]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
  });

  it('defaults properties to an empty object and keeps one copy of a repeated messageId', () => {
    const { accepted, results } = judge([{ ...good('m1'), properties: undefined }, good('m1')]);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.properties).toEqual({});
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });
});
