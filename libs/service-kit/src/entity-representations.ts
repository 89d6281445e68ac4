import { GraphQLError, isObjectType, Kind, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

/** The simple key fields of an entity type (`@key(fields: "id")`), from its definition and extensions. */
function keyFieldsOf(type: GraphQLObjectType): string[] {
  const directives = [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? []);
  return directives
    .filter((d) => d.name.value === 'key')
    .flatMap((d) => d.arguments ?? [])
    .flatMap((arg) => (arg.name.value === 'fields' && arg.value.kind === Kind.STRING ? arg.value.value.split(/\s+/).filter(Boolean) : []));
}

function refuse(index: number, reason: string): GraphQLError {
  return new GraphQLError(`representation ${index}: ${reason}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * Checks `_entities` representations before any reference resolver reads them: an object naming an
 * entity type of this subgraph, with each key field an ID (string or number). @apollo/subgraph
 * passes anything else on, and a reference resolver handed `{ id: {…} }` fails inside its store,
 * which a client would see as an internal error rather than its own mistake.
 */
export function checkEntityRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()['_entities'];
  const resolve = field?.resolve;
  if (!field || !resolve) return schema;
  const keys = new Map<string, string[]>();
  for (const type of Object.values(schema.getTypeMap())) if (isObjectType(type) && keyFieldsOf(type).length > 0) keys.set(type.name, keyFieldsOf(type));
  field.resolve = (source, args: { representations?: unknown }, context, info) => {
    const representations = Array.isArray(args.representations) ? args.representations : [];
    representations.forEach((representation: unknown, index) => {
      if (!representation || typeof representation !== 'object' || Array.isArray(representation)) throw refuse(index, 'not an object');
      const { __typename: typename, ...fields } = representation as Record<string, unknown>;
      const keyFields = typeof typename === 'string' ? keys.get(typename) : undefined;
      if (!keyFields) throw refuse(index, `__typename names no entity of this subgraph`);
      const bad = keyFields.find((k) => typeof fields[k] !== 'string' && typeof fields[k] !== 'number');
      if (bad) throw refuse(index, `key field ${bad} must be an ID`);
    });
    return resolve(source, args, context, info);
  };
  return schema;
}
