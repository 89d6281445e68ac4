import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';

/**
 * Builds the selection for the Customer fields insights offers today, from its own SDL (`_service
 * { sdl }`, which every federated subgraph serves): a field it does not have yet is left out rather
 * than failing the query, and a field's sub-selection is every leaf down to a few levels, so a shape
 * another branch defines is read whole without this code knowing it in advance.
 */
interface FieldInfo {
  name: string;
  type: string;
  requiredArgs: boolean;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function objectFields(sdl: string): Map<string, FieldInfo[]> {
  const types = new Map<string, FieldInfo[]>();
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const fields = (def.fields ?? []).map((f: FieldDefinitionNode) => ({
      name: f.name.value,
      type: namedType(f.type),
      requiredArgs: (f.arguments ?? []).some((a) => a.type.kind === Kind.NON_NULL_TYPE && !a.defaultValue),
    }));
    types.set(def.name.value, [...(types.get(def.name.value) ?? []), ...fields]);
  }
  return types;
}

function selectionOf(type: string, types: Map<string, FieldInfo[]>, depth: number): string | null {
  const fields = types.get(type);
  if (!fields) return ''; // a scalar or enum: a leaf
  if (depth === 0) return null;
  const parts = fields
    .filter((f) => !f.requiredArgs && !f.name.startsWith('_'))
    .flatMap((f) => {
      const sub = selectionOf(f.type, types, depth - 1);
      if (sub === null) return [];
      return [sub ? `${f.name} ${sub}` : f.name];
    });
  return parts.length ? `{ ${parts.join(' ')} }` : null;
}

/** The `... on Customer` selection for the wanted fields insights has, and which of them it has. */
export function customerSelection(sdl: string, wanted: readonly string[], depth = 3): { selection: string; present: string[] } {
  const types = objectFields(sdl);
  const customer = types.get('Customer') ?? [];
  const present = wanted.filter((name) => customer.some((f) => f.name === name && !f.requiredArgs));
  const selection = present
    .map((name) => {
      const field = customer.find((f) => f.name === name);
      const sub = field ? selectionOf(field.type, types, depth) : null;
      return sub === null ? '' : `${name} ${sub}`.trim();
    })
    .filter(Boolean)
    .join(' ');
  return { selection, present };
}
