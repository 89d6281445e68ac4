import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** How big an operation is, measured before any subgraph sees it. */
export interface OperationShape {
  depth: number;
  /** One per field, multiplied by the size of every list around it. */
  cost: number;
  aliases: number;
  rootFields: number;
}

/** Assumed size of a list whose field takes no size argument. */
export const DEFAULT_LIST_SIZE = 10;
const SIZE_ARGUMENTS = ['first', 'last', 'limit'];

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Running alias count across the whole operation. */
  aliases: number;
}

function sizeArgument(value: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

function fieldsOf(type: GraphQLNamedType | undefined) {
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : {};
}

/** Depth and cost of a selection set; fragments are inlined (validation has already refused cycles). */
function measure(set: SelectionSetNode, parent: GraphQLNamedType | undefined, walk: Walk): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) walk.aliases++;
      if (selection.name.value.startsWith('__')) continue;
      const def = fieldsOf(parent)[selection.name.value];
      const size = selection.arguments?.find((a) => SIZE_ARGUMENTS.includes(a.name.value));
      const isList = def ? isListType(getNullableType(def.type)) : false;
      const multiplier = sizeArgument(size?.value, walk.variables) ?? (isList ? DEFAULT_LIST_SIZE : 1);
      const child = selection.selectionSet ? measure(selection.selectionSet, def ? getNamedType(def.type) : undefined, walk) : { depth: 0, cost: 0 };
      depth = Math.max(depth, 1 + child.depth);
      cost += 1 + Math.max(multiplier, 0) * child.cost;
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments.get(selection.name.value) : selection;
    if (!fragment) continue;
    const condition = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : parent;
    const inner = measure(fragment.selectionSet, condition ?? undefined, walk);
    depth = Math.max(depth, inner.depth);
    cost += inner.cost;
  }
  return { depth, cost };
}

function countRootFields(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number {
  return set.selections.reduce((n, s) => {
    if (s.kind === Kind.FIELD) return n + (s.name.value === '__typename' ? 0 : 1);
    const fragment = s.kind === Kind.FRAGMENT_SPREAD ? fragments.get(s.name.value) : s;
    return n + (fragment ? countRootFields(fragment.selectionSet, fragments) : 0);
  }, 0);
}

export function operationShape(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): OperationShape {
  const root = schema.getRootType(operation.operation) ?? undefined;
  const walk: Walk = { schema, fragments, variables, aliases: 0 };
  const { depth, cost } = measure(operation.selectionSet, root, walk);
  return { depth, cost, aliases: walk.aliases, rootFields: countRootFields(operation.selectionSet, fragments) };
}
