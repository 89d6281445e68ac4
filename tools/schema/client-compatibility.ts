import { findBreakingChanges, type GraphQLSchema, parse, TypeInfo, validate, visit, visitWithTypeInfo, getNamedType, type DocumentNode } from 'graphql';

/** An operation a client is known to send: from the persisted list, the console, or the tests. */
export interface KnownOperation {
  /** Where it was found, e.g. `apps/e2e/src/erasure.e2e.test.ts:42 (EraseCustomer)`. */
  source: string;
  document: DocumentNode;
}

export interface ClientBreak {
  operation: string;
  reasons: string[];
}

/** Parses `text` as a client document (operations and fragments only); null when it is not one. */
export function clientDocument(text: string): DocumentNode | null {
  const trimmed = text.trim();
  if (!/^(query|mutation|subscription|fragment|\{)/.test(trimmed)) return null;
  try {
    const document = parse(trimmed);
    const executable = document.definitions.every((d) => d.kind === 'OperationDefinition' || d.kind === 'FragmentDefinition');
    return executable && document.definitions.some((d) => d.kind === 'OperationDefinition') ? document : null;
  } catch {
    return null;
  }
}

/** `Type.field` and `Type.field(arg)` coordinates an operation touches on `schema`. */
export function usedCoordinates(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent) return;
        used.add(`${parent.name}.${node.name.value}`);
        const type = typeInfo.getType();
        if (type) used.add(getNamedType(type).name);
        for (const arg of node.arguments ?? []) used.add(`${parent.name}.${node.name.value}(${arg.name.value})`);
      },
      VariableDefinition() {
        const input = typeInfo.getInputType();
        if (input) used.add(getNamedType(input).name);
      },
    }),
  );
  return used;
}

/** The coordinate a graphql-js breaking-change description starts with: `Type.field`, `Type.field(arg)` or `Type`. */
function coordinateOf(description: string): string[] {
  const arg = /^(\w+)\.(\w+) arg (\w+)/.exec(description);
  if (arg) return [`${arg[1]}.${arg[2]}(${arg[3]})`, `${arg[1]}.${arg[2]}`];
  const field = /^(\w+)\.(\w+)/.exec(description);
  if (field) return [`${field[1]}.${field[2]}`];
  const type = /^(\w+)/.exec(description);
  return type ? [type[1] as string] : [];
}

/**
 * The known operations a candidate schema would break: those valid against the published schema
 * that no longer validate against the candidate, or that touch a field, argument or type the
 * candidate removed, narrowed or changed (graphql-js's breaking changes). Operations that do not
 * validate against the published schema are not clients of it (a subgraph's own test query) and
 * are left out. Additions never break.
 */
export function clientBreaks(published: GraphQLSchema, candidate: GraphQLSchema, operations: readonly KnownOperation[]): ClientBreak[] {
  const changes = findBreakingChanges(published, candidate).map((c) => ({ description: c.description, coordinates: coordinateOf(c.description) }));
  const breaks: ClientBreak[] = [];
  for (const op of operations) {
    if (validate(published, op.document).length > 0) continue;
    const invalid = validate(candidate, op.document).map((e) => e.message);
    const used = usedCoordinates(published, op.document);
    const touched = changes.filter((c) => c.coordinates.some((k) => used.has(k))).map((c) => c.description);
    const reasons = [...new Set([...invalid, ...touched])];
    if (reasons.length) breaks.push({ operation: op.source, reasons });
  }
  return breaks;
}
