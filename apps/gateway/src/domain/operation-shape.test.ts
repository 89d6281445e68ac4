import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_LIST_SIZE, operationShape } from './operation-shape';

const schema = buildSchema(`
  type Query { customer(id: ID!): Customer, customers: [Customer!]! }
  type Customer { id: ID!, tags: [String!]!, journey(first: Int): Conn! }
  type Conn { edges: [Edge!]! }
  type Edge { node: Touch! }
  type Touch { id: ID! }
`);

function shape(query: string, variables: Record<string, unknown> = {}) {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return operationShape(schema, operation, fragments, variables);
}

describe('operationShape', () => {
  it('measures depth through fragments', () => {
    expect(shape('{ customer(id: 1) { ...F } } fragment F on Customer { journey { edges { node { id } } } }').depth).toBe(5);
  });

  it('multiplies cost by list sizes, from arguments or the default', () => {
    expect(shape('{ customer(id: 1) { id } }').cost).toBe(2);
    expect(shape('{ customers { id } }').cost).toBe(1 + DEFAULT_LIST_SIZE);
    expect(shape('query ($n: Int) { customer(id: 1) { journey(first: $n) { edges { node { id } } } } }', { n: 50 }).cost).toBe(
      1 + 1 + 50 * (1 + DEFAULT_LIST_SIZE * 2),
    );
  });

  it('counts aliases and root fields', () => {
    expect(shape('{ a: customer(id: 1) { x: id } b: customer(id: 2) { id } __typename }')).toMatchObject({ aliases: 3, rootFields: 2 });
  });
});
