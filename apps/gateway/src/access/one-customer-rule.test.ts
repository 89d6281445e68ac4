import { enforceOneCustomer, readDisclosures, type OneCustomerState } from './one-customer-rule';

describe('one customer per operation for support, across subgraph answers', () => {
  it('keeps the first customer and masks any other, answer after answer', () => {
    const state: OneCustomerState = {};
    const first = { a: { identifiers: [{ value: 'a@example.com' }] } };
    expect(enforceOneCustomer(state, [{ customerId: 'A', path: ['a', 'identifiers', 0, 'value'], masked: '[masked]' }], first)).toBe(0);
    expect(first.a.identifiers[0]!.value).toBe('a@example.com');

    const second = { _entities: [{ journey: { edges: [{ node: { properties: { reason: 'billing' }, text: 'call' } }] } }] };
    const disclosures = [
      { customerId: 'B', path: ['_entities', 0, 'journey', 'edges', 0, 'node', 'properties'], masked: {} },
      { customerId: 'B', path: ['_entities', 0, 'journey', 'edges', 0, 'node', 'text'], masked: null },
    ];
    expect(enforceOneCustomer(state, disclosures, second)).toBe(2);
    expect(second._entities[0]!.journey.edges[0]!.node).toEqual({ properties: {}, text: null });
    expect(state.customerId).toBe('A');
  });

  it('leaves the first customer shown in a later answer and skips parents nulled by errors', () => {
    const state: OneCustomerState = { customerId: 'A' };
    const data = { _entities: [null, { email: 'a@example.com' }] };
    const masked = enforceOneCustomer(
      state,
      [
        { customerId: 'B', path: ['_entities', 0, 'email'], masked: '[masked]' },
        { customerId: 'A', path: ['_entities', 1, 'email'], masked: '[masked]' },
      ],
      data,
    );
    expect(masked).toBe(1);
    expect(data).toEqual({ _entities: [null, { email: 'a@example.com' }] });
  });

  it('accepts only a well-formed report', () => {
    expect(readDisclosures([])).toEqual([]);
    expect(readDisclosures([{ customerId: 'A', path: ['a', 0], masked: null }])).toHaveLength(1);
    expect(readDisclosures(undefined)).toBeUndefined();
    expect(readDisclosures([{ customerId: 'A', path: [] }])).toBeUndefined();
    expect(readDisclosures([{ customerId: 1, path: ['a'] }])).toBeUndefined();
    expect(readDisclosures({ customerId: 'A', path: ['a'] })).toBeUndefined();
  });
});
