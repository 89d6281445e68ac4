import type { Caller } from '@c360/auth';
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isNonNullType,
  isObjectType,
  responsePathAsArray,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { mayReach, personalDecision, type FieldRule } from './field-access-policy';
import { limitedToOneCustomer, type PersonalDisclosure } from './personal-disclosure';

/** The SDL each subgraph declares so its schema can carry the rules (see field-access-policy.ts). */
export const FIELD_ACCESS_DIRECTIVES = /* GraphQL */ `
  directive @access(roles: [String!]!, mask: Boolean = false) on FIELD_DEFINITION | OBJECT
  directive @personal(purpose: String! = "personalisation") on FIELD_DEFINITION
`;

/** Asks governance's consent data whether a customer allows a purpose; a subgraph without one masks for marketers. */
export type ConsentCheck = (customerId: string, purpose: string) => Promise<boolean>;

export interface FieldAccessOptions {
  consentCheck?: ConsentCheck;
  /** The entity whose `id` names the customer personal data belongs to. */
  customerType?: string;
}

const MASK = '[masked]';

interface RequestState {
  /** Objects reached from a customer, mapped to that customer's id, so nested personal fields know whose they are. */
  owners: WeakMap<object, string>;
  supportCustomerId?: string;
  consents: Map<string, Promise<boolean>>;
  /** Personal values released to a support caller, reported to the gateway (see personal-disclosure.ts). */
  disclosures: PersonalDisclosure[];
}

const states = new WeakMap<object, RequestState>();

function stateOf(context: object): RequestState {
  let state = states.get(context);
  if (!state) {
    state = { owners: new WeakMap(), consents: new Map(), disclosures: [] };
    states.set(context, state);
  }
  return state;
}

/** What field access released to a support caller in the request whose context this is. */
export function personalDisclosuresOf(context: object): readonly PersonalDisclosure[] {
  return states.get(context)?.disclosures ?? [];
}

function stringArg(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const arg = directive?.arguments?.find((a) => a.name.value === name);
  return arg?.value.kind === 'StringValue' ? arg.value.value : undefined;
}

function listArg(directive: ConstDirectiveNode | undefined, name: string): string[] | undefined {
  const arg = directive?.arguments?.find((a) => a.name.value === name);
  if (arg?.value.kind === 'ListValue') return arg.value.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : []));
  if (arg?.value.kind === 'StringValue') return [arg.value.value];
  return undefined;
}

function directive(nodes: readonly ConstDirectiveNode[] | undefined, name: string): ConstDirectiveNode | undefined {
  return nodes?.find((d) => d.name.value === name);
}

function ruleFor(typeDirectives: readonly ConstDirectiveNode[] | undefined, field: GraphQLField<unknown, unknown>, isRoot: boolean): FieldRule {
  const fieldDirectives = field.astNode?.directives;
  const personal = directive(fieldDirectives, 'personal');
  const access = directive(fieldDirectives, 'access') ?? directive(typeDirectives, 'access');
  const mask = access?.arguments?.find((a) => a.name.value === 'mask');
  return {
    roles: listArg(access, 'roles'),
    maskOthers: mask?.value.kind === 'BooleanValue' && mask.value.value,
    personalPurpose: personal ? (stringArg(personal, 'purpose') ?? 'personalisation') : undefined,
    isRoot,
  };
}

/** A value of the field's type that tells nothing: null where allowed, else an empty list or a placeholder. */
export function maskedValue(type: GraphQLOutputType): unknown {
  if (!isNonNullType(type)) return null;
  const inner = getNullableType(type);
  if (isListType(inner)) return [];
  const named = getNamedType(inner).name;
  if (named === 'String' || named === 'ID') return MASK;
  if (named === 'JSON') return {};
  return null;
}

function tagOwner(state: RequestState, value: unknown, customerId: string): void {
  if (Array.isArray(value)) for (const item of value) tagOwner(state, item, customerId);
  else if (value && typeof value === 'object') state.owners.set(value, customerId);
}

function ownerOf(state: RequestState, parent: unknown, isCustomer: boolean): string | undefined {
  if (!parent || typeof parent !== 'object') return undefined;
  if (isCustomer) {
    const id = (parent as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  }
  // An object that names its customer (a link explanation, a touchpoint) belongs to that customer.
  const named = (parent as { customerId?: unknown }).customerId;
  return state.owners.get(parent) ?? (typeof named === 'string' ? named : undefined);
}

function consentFor(state: RequestState, options: FieldAccessOptions, customerId: string, purpose: string): Promise<boolean> {
  const key = `${customerId}\u0000${purpose}`;
  let answer = state.consents.get(key);
  if (!answer) {
    answer = options.consentCheck ? options.consentCheck(customerId, purpose) : Promise.resolve(false);
    state.consents.set(key, answer);
  }
  return answer;
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

// Synchronous unless a consent lookup or the resolver itself is asynchronous: wrapping every field
// in an async function made each leaf of every answer a promise for graphql-js to settle.
function guard(
  field: GraphQLField<unknown, unknown>,
  rule: FieldRule,
  isCustomer: boolean,
  options: FieldAccessOptions,
): GraphQLFieldResolver<unknown, { caller: Caller }> {
  const resolve = field.resolve ?? defaultFieldResolver;
  return (parent, args, context, info) => {
    const caller = context.caller;
    if (!mayReach(caller, rule)) {
      if (rule.maskOthers) return maskedValue(field.type);
      throw new GraphQLError(`${info.parentType.name}.${info.fieldName} is not available to this caller`, { extensions: { code: 'FORBIDDEN' } });
    }
    const state = stateOf(context);
    const customerId = ownerOf(state, parent, isCustomer);
    const resolveAndTag = (): unknown => {
      const value: unknown = resolve(parent, args, context, info);
      if (!customerId) return value;
      if (isPromise(value)) {
        return value.then((settled) => {
          tagOwner(state, settled, customerId);
          return settled;
        });
      }
      tagOwner(state, value, customerId);
      return value;
    };
    if (!rule.personalPurpose) return resolveAndTag();
    const purpose = rule.personalPurpose;
    // Claimed before any await: sibling fields resolve concurrently and must see the same first customer.
    if (caller.roles.includes('support') && customerId) state.supportCustomerId ??= customerId;
    const decision = personalDecision(caller, {
      customerId,
      supportCustomerId: state.supportCustomerId,
      consentGranted: () => consentFor(state, options, customerId ?? '', purpose),
    });
    const release = (): unknown => {
      // Only what the one-customer rule released (not a marketer's consented customer): the gateway
      // enforces that rule across subgraphs.
      if (customerId && customerId === state.supportCustomerId && limitedToOneCustomer(caller))
        state.disclosures.push({ customerId, path: responsePathAsArray(info.path), masked: maskedValue(field.type) });
      return resolveAndTag();
    };
    if (isPromise(decision)) return decision.then((d) => (d === 'mask' ? maskedValue(field.type) : release()));
    return decision === 'mask' ? maskedValue(field.type) : release();
  };
}

/**
 * Enforces @access and @personal on every field of a subgraph's schema, in place. Applied by
 * createSubgraphMiddleware, so no subgraph can forget it and no resolver has to repeat it.
 */
export function applyFieldAccess(schema: GraphQLSchema, options: FieldAccessOptions = {}): GraphQLSchema {
  const customerType = options.customerType ?? 'Customer';
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    const typeDirectives = type.astNode?.directives;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_')) continue;
      field.resolve = guard(
        field as GraphQLField<unknown, unknown>,
        ruleFor(typeDirectives, field as GraphQLField<unknown, unknown>, roots.has(type.name)),
        type.name === customerType,
        options,
      ) as typeof field.resolve;
    }
  }
  return schema;
}
