import { buildSchema } from 'graphql';
import { clientBreaks, clientDocument, type KnownOperation } from './client-compatibility';

const PUBLISHED = buildSchema(`
  type Query { customer(id: ID!, withNotes: Boolean): Customer, ping: String }
  type Customer { id: ID!, name: String!, score: Float, band: Band }
  enum Band { LOW HIGH }
`);

const op = (source: string, text: string): KnownOperation => {
  const document = clientDocument(text);
  if (!document) throw new Error(`not an operation: ${text}`);
  return { source, document };
};

const CUSTOMER = op('customer-page', 'query CustomerPage($id: ID!) { customer(id: $id, withNotes: true) { id name score } }');
const PING = op('health', '{ ping }');

describe('client compatibility of a schema change', () => {
  it('passes additions', () => {
    const candidate = buildSchema(`
      type Query { customer(id: ID!, withNotes: Boolean, extra: Int): Customer, ping: String, segments: [String!] }
      type Customer { id: ID!, name: String!, score: Float, band: Band, segment: String }
      enum Band { LOW HIGH MEDIUM }
    `);
    expect(clientBreaks(PUBLISHED, candidate, [CUSTOMER, PING])).toEqual([]);
  });

  it('names the operation that uses a removed field, a removed argument or a narrowed type', () => {
    const candidate = buildSchema(`
      type Query { customer(id: ID!): Customer, ping: String }
      type Customer { id: ID!, name: String, band: Band }
      enum Band { LOW HIGH }
    `);
    const breaks = clientBreaks(PUBLISHED, candidate, [CUSTOMER, PING]);
    expect(breaks.map((b) => b.operation)).toEqual(['customer-page']);
    const reasons = breaks[0]!.reasons.join('\n');
    expect(reasons).toMatch(/score/);
    expect(reasons).toMatch(/withNotes/);
    expect(reasons).toMatch(/Customer\.name changed type from String! to String/);
  });

  it('passes a removal no known operation uses', () => {
    const candidate = buildSchema(`
      type Query { customer(id: ID!, withNotes: Boolean): Customer, ping: String }
      type Customer { id: ID!, name: String!, score: Float }
    `);
    expect(clientBreaks(PUBLISHED, candidate, [CUSTOMER, PING])).toEqual([]);
  });

  it('reads only client documents: operations, not SDL or prose', () => {
    expect(clientDocument('type Query { a: Int }')).toBeNull();
    expect(clientDocument('query with a typo {')).toBeNull();
    expect(clientDocument('hello world')).toBeNull();
    expect(clientDocument('mutation M { ping }')).not.toBeNull();
  });
});
