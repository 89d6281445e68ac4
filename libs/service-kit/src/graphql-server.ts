import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { AuthError, createInternalTokenVerifier, INTERNAL_HEADER, type Caller } from '@c360/auth';
import express, { type Express } from 'express';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { checkEntityRepresentations } from './entity-representations';
import { applyFieldAccess, personalDisclosuresOf, type ConsentCheck } from './field-access';
import { jsonBody } from './json-body';
import type { Logger } from './logger';
import { personalDisclosurePlugin } from './personal-disclosure';
import { rejectClientErrors, sendGraphQLRejection } from './request-rejection';
import { graphqlOperationSpanPlugin, traceGraphQLOperations } from './tracing/graphql-tracing';

export interface SubgraphContext extends BaseContext {
  caller: Caller;
}

type SubgraphModules = Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>;
/** Resolvers of a subgraph, including `__resolveReference`; @apollo/subgraph keeps this type internal. */
export type SubgraphResolvers = NonNullable<Extract<SubgraphModules[number], { resolvers?: unknown }>['resolvers']>;

/**
 * Errors reach clients only with a code a service chose; anything else is an internal failure
 * whose details stay in the log.
 */
export function maskUnexpectedErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.['code'];
    if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    // Apollo Server marks some refusals of its own (a persisted-query version or hash it rejects)
    // with a 4xx status and no code (it then reports INTERNAL_SERVER_ERROR): the client's fault, not a failure.
    if (isCodelessClientError(error)) return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
    logger.error({ err: error }, 'unexpected resolver error');
    return { message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' }, path: formatted.path };
  };
}

function isCodelessClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions['code']) return false;
  const status = (error.extensions['http'] as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export function authErrorToGraphQL(err: AuthError): GraphQLError {
  return new GraphQLError(err.message, {
    extensions: { code: err.code, http: { status: err.code === 'UNAUTHENTICATED' ? 401 : 403 } },
  });
}

export interface SubgraphOptions {
  typeDefs: DocumentNode;
  resolvers: SubgraphResolvers;
  internalTokenSecret: string;
  logger: Logger;
  /** Lets marketers see personal fields of customers whose consent allows it; without it they are masked. */
  consentCheck?: ConsentCheck;
  /** More plugins (metrics); the defaults above always apply. */
  plugins?: ApolloServerPlugin<SubgraphContext>[];
}

/** Builds and starts a subgraph server; the caller mounts the returned middleware at /graphql. */
export async function createSubgraphMiddleware(options: SubgraphOptions): Promise<{
  server: ApolloServer<SubgraphContext>;
  middleware: ReturnType<typeof expressMiddleware<SubgraphContext>>;
}> {
  const server = new ApolloServer<SubgraphContext>({
    schema: applyFieldAccess(checkEntityRepresentations(buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }])), {
      consentCheck: options.consentCheck,
    }),
    formatError: maskUnexpectedErrors(options.logger),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Apollo's own SIGTERM handler (on outside tests) stopped the server at once, under requests still
    // in flight, then signalled the process again, which onShutdown took for an impatient second
    // signal and exited 1. onShutdown alone handles signals, in its order (http-server.ts).
    stopOnTerminationSignals: false,
    // Federated tracing is for Apollo's hosted studio, which c360 does not report to. No schema
    // declares cache hints and the gateway does not read them, so cache control would only add a
    // hook to every resolved field.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      personalDisclosurePlugin(personalDisclosuresOf),
      ...(options.plugins ?? []),
      graphqlOperationSpanPlugin(),
    ],
  });
  await server.start();
  const verifyCaller = createInternalTokenVerifier(options.internalTokenSecret);
  const middleware = expressMiddleware(server, {
    context: async ({ req }) => {
      try {
        const token = req.headers[INTERNAL_HEADER];
        const caller = await verifyCaller(Array.isArray(token) ? token[0] : token);
        return { caller };
      } catch (err) {
        if (err instanceof AuthError) throw authErrorToGraphQL(err);
        throw err;
      }
    },
  });
  return { server, middleware };
}

/** Largest GraphQL request body any service reads: operations are text, variables are small. */
export const GRAPHQL_BODY_LIMIT = '1mb';

/** Mounts a GraphQL middleware at /graphql behind the shared JSON body parser; a malformed body gets a GraphQL error with its 4xx. */
export function mountGraphQL(app: Express, middleware: express.RequestHandler): void {
  app.use('/graphql', traceGraphQLOperations(), jsonBody({ limit: GRAPHQL_BODY_LIMIT }), rejectClientErrors(sendGraphQLRejection), middleware);
}

/** Resolver maps of several modules of one subgraph, merged type by type (later fields win). */
export function mergeResolvers(...maps: Record<string, unknown>[]): SubgraphResolvers {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, value] of Object.entries(map)) {
      const earlier = merged[type];
      const mergeable = (v: unknown) => v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
      merged[type] = mergeable(earlier) && mergeable(value) ? { ...(earlier as object), ...(value as object) } : value;
    }
  }
  return merged as SubgraphResolvers;
}
