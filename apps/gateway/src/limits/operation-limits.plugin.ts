import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode } from 'graphql';
import { operationShape, type OperationShape } from '../domain/operation-shape';
import type { RejectionCode } from '../http/graphql-rejection';
import { REJECTIONS } from '../http/graphql-rejection';

export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxRootFields: number;
}

const CHECKS: { code: RejectionCode; measure: keyof OperationShape; limit: keyof OperationLimits }[] = [
  { code: 'MAX_DEPTH_EXCEEDED', measure: 'depth', limit: 'maxDepth' },
  { code: 'MAX_ALIASES_EXCEEDED', measure: 'aliases', limit: 'maxAliases' },
  { code: 'MAX_ROOT_FIELDS_EXCEEDED', measure: 'rootFields', limit: 'maxRootFields' },
  { code: 'MAX_COST_EXCEEDED', measure: 'cost', limit: 'maxCost' },
];

/** Refuses an operation whose shape exceeds a limit, after validation and before any query plan runs. */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (!operation) return;
          const fragments = new Map(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
          );
          const shape = operationShape(schema, operation, fragments, request.variables ?? {});
          for (const check of CHECKS) {
            if (shape[check.measure] > limits[check.limit]) {
              throw new GraphQLError(`operation ${check.measure} ${shape[check.measure]} exceeds the limit of ${limits[check.limit]}`, {
                extensions: { code: check.code, http: { status: REJECTIONS[check.code].status } },
              });
            }
          }
        },
      };
    },
  };
}
